import { ConflictListQuery } from '../../sync/conflicts/conflict-queries';
import { ResolveConflictRequest } from '../../sync/conflicts/conflict-resolve';
import { LeaseRequest } from '../../sync/leases/lease-admin';
import { CreateCampaignRequest, UpdateCampaignRequest } from '../../use-cases/backoffice/campaign-spec';
import { DateRangeQuery } from '../../use-cases/backoffice/daily-settlement';
import { DashboardQuery } from '../../use-cases/backoffice/dashboard';
import { IssueByHandRequest } from '../../use-cases/backoffice/issue-by-hand';
import { ActivityQuery } from '../../use-cases/backoffice/member-activity';
import { MemberParams, MemberSearchQuery } from '../../use-cases/backoffice/member-directory';
import { MemberTagsRequest } from '../../use-cases/backoffice/member-tags';
import { LedgerQuery } from '../../use-cases/backoffice/redemption-ledger';
import { ResendTargetRequest } from '../../use-cases/backoffice/resend-target';
import { NotificationParams } from '../../use-cases/backoffice/support-history';
import { CodeLookupRequest, OrderRefParams, PhoneSearchQuery } from '../../use-cases/backoffice/support-lookups';
import { PhoneLookupRequest } from '../../use-cases/backoffice/support-phone';
import { VoidVoucherRequest, VoucherParams as VoidParams } from '../../use-cases/backoffice/void-voucher';
import { MERCHANT_ROLES } from '../merchant-roles';
import { CalendarQuery } from '../routes/campaign-extra-routes';
import { CampaignParams, ListQuery } from '../routes/campaign-routes';
import { Params as ConflictParams } from '../routes/conflict-routes';
import { TicketQuery } from '../routes/live-routes';
import { ShiftParams } from '../routes/report-routes';
import { ExportQuery } from '../routes/settlement-routes';
import { ResendRequest as SupportResendRequest, VoucherParams as ResendParams } from '../routes/support-resend-routes';
import { VoucherParams as SupportVoucherParams } from '../routes/support-routes';
import { LeaseParams, VoucherParams as LeaseVoucherParams } from '../routes/sync-lease-routes';
import { EXAMPLE_ID, EXAMPLE_ID_2, type RouteSpec } from './route-spec';

const m = 'merchant';
const { operate, read, support, setup, anyone } = MERCHANT_ROLES;
const campaign = { id: EXAMPLE_ID };
const voucher = { id: EXAMPLE_ID };

const campaignBody = {
  kind: 'product', title: '双人套餐', priceFen: 9900, faceValueFen: 16800, usesPerVoucher: 1, totalStock: 500, perBuyerLimit: 2,
  saleStartsAt: '2026-12-10T10:00:00+08:00', saleEndsAt: '2026-12-12', storeIds: [EXAMPLE_ID],
  validity: { validFrom: '2026-12-10', validUntil: '2027-01-31', weekdays: [1, 2, 3, 4, 5], hourWindows: [{ from: '11:00', to: '14:00' }] },
};

/** Campaigns, figures, settlement, live panel, support, members, ledgers, leases and conflicts. */
export const MERCHANT_OPERATE_ROUTES: RouteSpec[] = [
  {
    method: 'get', path: '/merchant/campaigns', tag: m, summary: 'Campaigns, by status', auth: 'merchant', roles: read, query: ListQuery,
    success: { status: 200, description: '`{ campaigns }`' }, errors: [], example: { query: { status: 'published' } },
  },
  {
    method: 'post', path: '/merchant/campaigns', tag: m, summary: 'Create a campaign (a draft)', auth: 'merchant', roles: operate, body: CreateCampaignRequest,
    success: { status: 200, description: 'The campaign' }, errors: ['STORE_NOT_FOUND'], example: { body: campaignBody },
  },
  {
    method: 'get', path: '/merchant/campaigns/:id', tag: m, summary: 'One campaign', auth: 'merchant', roles: read, params: CampaignParams,
    success: { status: 200, description: 'The campaign' }, errors: ['CAMPAIGN_NOT_FOUND'], example: { params: campaign },
  },
  {
    method: 'post', path: '/merchant/campaigns/:id', tag: m, summary: 'Change a campaign (only the fields given)', auth: 'merchant', roles: operate,
    params: CampaignParams, body: UpdateCampaignRequest, success: { status: 200, description: 'The campaign' },
    errors: ['CAMPAIGN_NOT_FOUND', 'CAMPAIGN_FIELD_LOCKED', 'STOCK_BELOW_SOLD', 'STORE_NOT_FOUND', 'CAMPAIGN_STATUS_CONFLICT'],
    example: { params: campaign, body: { title: '双人套餐（周末）', totalStock: 800 } },
  },
  ...(['publish', 'end', 'pause', 'resume'] as const).map((action): RouteSpec => ({
    method: 'post', path: `/merchant/campaigns/:id/${action}`, tag: m, summary: `${action[0]!.toUpperCase()}${action.slice(1)} a campaign`, auth: 'merchant',
    roles: operate, params: CampaignParams, success: { status: 200, description: 'The campaign' }, errors: ['CAMPAIGN_NOT_FOUND', 'CAMPAIGN_STATUS_CONFLICT'],
    example: { params: campaign },
  })),
  {
    method: 'get', path: '/merchant/campaigns/:id/calendar', tag: m, summary: 'Which days of a month a campaign\'s vouchers can be used', auth: 'merchant', roles: read,
    params: CampaignParams, query: CalendarQuery, success: { status: 200, description: '`{ campaignId, month, timeZone, days }`' }, errors: ['CAMPAIGN_NOT_FOUND'],
    example: { params: campaign, query: { month: '2026-12' } },
  },
  {
    method: 'post', path: '/merchant/campaigns/:id/vouchers', tag: m, summary: 'Issue vouchers by hand to a phone (idempotent by requestId)', auth: 'merchant',
    roles: operate, params: CampaignParams, body: IssueByHandRequest, success: { status: 200, description: 'The vouchers issued' },
    errors: ['CAMPAIGN_NOT_FOUND', 'CAMPAIGN_STATUS_CONFLICT', 'OUT_OF_STOCK', 'PHONE_INVALID', 'BUYER_LIMIT_REACHED'],
    example: { params: campaign, body: { requestId: EXAMPLE_ID_2, phone: '13800138000', count: 1 } },
  },
  {
    method: 'get', path: '/merchant/campaigns/:id/stats', tag: m, summary: 'A campaign\'s sales and redemption figures', auth: 'merchant', roles: read,
    params: CampaignParams, success: { status: 200, description: 'Figures' }, errors: ['CAMPAIGN_NOT_FOUND'], example: { params: campaign },
  },
  {
    method: 'post', path: '/merchant/campaigns/:id/settle', tag: m, summary: 'Settle a group-price campaign once its sale is over (idempotent)', auth: 'merchant',
    roles: operate, params: CampaignParams, success: { status: 200, description: 'The settlement' },
    errors: ['CAMPAIGN_NOT_FOUND', 'NO_GROUP_PRICE', 'SETTLEMENT_NOT_READY'], example: { params: campaign },
  },
  {
    method: 'get', path: '/merchant/campaigns/:id/settlement', tag: m, summary: 'What a group-price settlement owes', auth: 'merchant', roles: read,
    params: CampaignParams, success: { status: 200, description: 'The settlement' }, errors: ['CAMPAIGN_NOT_FOUND', 'NO_GROUP_PRICE', 'SETTLEMENT_NOT_READY'],
    example: { params: campaign },
  },
  {
    method: 'post', path: '/merchant/vouchers/:id/void', tag: m, summary: 'Void an unused voucher', auth: 'merchant', roles: operate, params: VoidParams,
    body: VoidVoucherRequest, success: { status: 200, description: 'The voucher' }, errors: ['VOUCHER_NOT_FOUND', 'VOUCHER_ALREADY_USED', 'VOUCHER_NOT_ACTIVE'],
    example: { params: voucher, body: { reason: '顾客要求退款' } },
  },
  {
    method: 'get', path: '/merchant/dashboard', tag: m, summary: 'A day\'s figures by hour, store and campaign', auth: 'merchant', roles: read, query: DashboardQuery,
    success: { status: 200, description: 'Figures' }, errors: ['STORE_NOT_FOUND'], example: { query: { date: '2026-12-07' } },
  },
  {
    method: 'get', path: '/merchant/settlement/daily', tag: m, summary: 'Daily statements per store and campaign', auth: 'merchant', roles: read, query: DateRangeQuery,
    success: { status: 200, description: 'Statements' }, errors: ['STORE_NOT_FOUND'], example: { query: { from: '2026-12-01', to: '2026-12-07' } },
  },
  {
    method: 'get', path: '/merchant/settlement/export.csv', tag: m, summary: 'The settlement ledger as CSV', auth: 'merchant', roles: read, query: ExportQuery,
    success: { status: 200, description: 'UTF-8 CSV with a byte-order mark', body: 'csv' }, errors: [], example: { query: { from: '2026-12-01', to: '2026-12-07' } },
  },
  {
    method: 'post', path: '/merchant/live/ticket', tag: m, summary: 'A one-use ticket to open the live panel\'s event stream', auth: 'merchant', roles: read,
    success: { status: 200, description: '`{ ticket, expiresAt }`' }, errors: [],
  },
  {
    method: 'get', path: '/merchant/live/events', tag: m, summary: 'The live panel: a snapshot, then events as figures change', auth: 'live-ticket', query: TicketQuery,
    success: { status: 200, description: 'An event stream', body: 'event-stream' }, errors: [], example: { query: { ticket: 'lt_3q9Zr0m1x2Yw' } },
  },
  {
    method: 'get', path: '/merchant/support/orders/:ref', tag: m, summary: 'An order by our id or the channel\'s', auth: 'merchant', roles: support, params: OrderRefParams,
    success: { status: 200, description: 'The order and its vouchers, masked' }, errors: ['ORDER_NOT_FOUND'], example: { params: { ref: 'dy-77001' } },
  },
  {
    method: 'post', path: '/merchant/support/voucher-lookup', tag: m, summary: 'A voucher by its code (in the body, out of URLs and logs)', auth: 'merchant', roles: support,
    body: CodeLookupRequest, success: { status: 200, description: 'The voucher, masked' }, errors: ['VOUCHER_NOT_FOUND', 'CODE_MALFORMED', 'CODE_CHECK_DIGIT', 'RATE_LIMITED'],
    example: { body: { code: '123456789018' } },
  },
  {
    method: 'get', path: '/merchant/support/search', tag: m, summary: 'Vouchers of a campaign by the phone\'s last 4 digits', auth: 'merchant', roles: support,
    query: PhoneSearchQuery, success: { status: 200, description: 'Vouchers, masked' }, errors: ['CAMPAIGN_NOT_FOUND'],
    example: { query: { campaignId: EXAMPLE_ID, phoneLast4: '8000' } },
  },
  {
    method: 'post', path: '/merchant/support/phone-lookup', tag: m, summary: 'Vouchers and orders of a whole phone number', auth: 'merchant', roles: support,
    body: PhoneLookupRequest, success: { status: 200, description: 'Vouchers and orders, masked' }, errors: ['PHONE_INVALID'], example: { body: { phone: '13800138000' } },
  },
  {
    method: 'get', path: '/merchant/support/vouchers/:id/history', tag: m, summary: 'A voucher\'s whole history', auth: 'merchant', roles: support,
    params: SupportVoucherParams, success: { status: 200, description: 'Uses, messages and refunds' }, errors: ['VOUCHER_NOT_FOUND'], example: { params: voucher },
  },
  {
    method: 'get', path: '/merchant/support/notifications/:id', tag: m, summary: 'One message\'s delivery state', auth: 'merchant', roles: support,
    params: NotificationParams, success: { status: 200, description: 'The message, masked' }, errors: ['NOTIFICATION_NOT_FOUND'], example: { params: { id: EXAMPLE_ID } },
  },
  {
    method: 'post', path: '/merchant/support/vouchers/:id/resend-target', tag: m, summary: 'The full code and phone, to resend by hand (owners; audited)', auth: 'merchant',
    roles: setup, params: SupportVoucherParams, body: ResendTargetRequest, success: { status: 200, description: 'The code and phone' }, errors: ['VOUCHER_NOT_FOUND'],
    example: { params: voucher, body: { reason: '顾客换了手机' } },
  },
  {
    method: 'post', path: '/merchant/support/vouchers/:id/resend', tag: m, summary: 'Queue a voucher\'s code again (SMS or DM)', auth: 'merchant', roles: support,
    params: ResendParams, body: SupportResendRequest, success: { status: 200, description: 'The queued message' },
    errors: ['VOUCHER_NOT_FOUND', 'RATE_LIMITED', 'VOUCHER_NOT_ACTIVE', 'NOTIFICATION_NOT_FOUND'], example: { params: voucher, body: { channel: 'sms' } },
  },
  {
    method: 'get', path: '/merchant/members', tag: m, summary: 'Members by phone, name, handle or tag', auth: 'merchant', roles: anyone, query: MemberSearchQuery,
    success: { status: 200, description: 'Members and the next cursor' }, errors: ['CURSOR_INVALID'], example: { query: { q: '1380' } },
  },
  {
    method: 'get', path: '/merchant/members/:id', tag: m, summary: 'A member\'s profile', auth: 'merchant', roles: anyone, params: MemberParams,
    success: { status: 200, description: 'The member' }, errors: ['MEMBER_NOT_FOUND'], example: { params: { id: EXAMPLE_ID } },
  },
  ...(['sales', 'redemptions', 'points'] as const).map((list): RouteSpec => ({
    method: 'get', path: `/merchant/members/:id/${list}`, tag: m, summary: `A member's ${list === 'points' ? 'points ledger' : list}`, auth: 'merchant', roles: anyone,
    params: MemberParams, query: ActivityQuery, success: { status: 200, description: 'A page and the next cursor' }, errors: ['MEMBER_NOT_FOUND', 'CURSOR_INVALID'],
    example: { params: { id: EXAMPLE_ID }, query: { limit: '20' } },
  })),
  {
    method: 'put', path: '/merchant/members/:id/tags', tag: m, summary: 'Set a member\'s tags', auth: 'merchant', roles: operate, params: MemberParams, body: MemberTagsRequest,
    success: { status: 200, description: 'The tags' }, errors: ['MEMBER_NOT_FOUND'], example: { params: { id: EXAMPLE_ID }, body: { tags: ['常客', '午餐'] } },
  },
  {
    method: 'get', path: '/merchant/members.csv', tag: m, summary: 'Members as CSV (whole phones for owners only; audited)', auth: 'merchant', roles: read,
    success: { status: 200, description: 'UTF-8 CSV with a byte-order mark', body: 'csv' }, errors: [],
  },
  {
    method: 'get', path: '/merchant/shifts/:id/report', tag: m, summary: 'A shift\'s X (open) or Z (closed) report', auth: 'merchant', roles: read, params: ShiftParams,
    success: { status: 200, description: 'The report' }, errors: ['SHIFT_NOT_FOUND'], example: { params: { id: EXAMPLE_ID } },
  },
  {
    method: 'get', path: '/merchant/redemptions', tag: m, summary: 'The redemption ledger, newest first', auth: 'merchant', roles: read, query: LedgerQuery,
    success: { status: 200, description: 'Redemptions and the next cursor' }, errors: ['CURSOR_INVALID', 'CODE_MALFORMED', 'CODE_CHECK_DIGIT'], example: { query: { mode: 'offline', outcome: 'conflict' } },
  },
  {
    method: 'get', path: '/merchant/vouchers/:voucherId/leases', tag: m, summary: 'Which store may redeem a voucher offline', auth: 'merchant', roles: operate,
    params: LeaseVoucherParams, success: { status: 200, description: '`{ leases }`' }, errors: ['VOUCHER_NOT_FOUND'], example: { params: { voucherId: EXAMPLE_ID } },
  },
  {
    method: 'post', path: '/merchant/vouchers/:voucherId/lease', tag: m, summary: 'Grant or move a voucher\'s offline lease', auth: 'merchant', roles: operate,
    params: LeaseVoucherParams, body: LeaseRequest, success: { status: 200, description: 'The lease' },
    errors: ['VOUCHER_NOT_FOUND', 'STORE_NOT_FOUND', 'LEASE_HELD_ELSEWHERE', 'VOUCHER_NOT_ACTIVE', 'VOUCHER_EXPIRED', 'NOT_VALID_AT_STORE', 'VOUCHER_EXHAUSTED'],
    example: { params: { voucherId: EXAMPLE_ID }, body: { storeId: EXAMPLE_ID_2, hours: 48 } },
  },
  {
    method: 'post', path: '/merchant/leases/:leaseId/revoke', tag: m, summary: 'Revoke an offline lease', auth: 'merchant', roles: operate, params: LeaseParams,
    success: { status: 200, description: 'The lease' }, errors: ['LEASE_NOT_FOUND'], example: { params: { leaseId: EXAMPLE_ID } },
  },
  {
    method: 'get', path: '/merchant/conflicts', tag: m, summary: 'Offline redemptions that went over a limit', auth: 'merchant', roles: operate, query: ConflictListQuery,
    success: { status: 200, description: 'Conflicts and the next cursor' }, errors: ['CURSOR_INVALID'], example: { query: { status: 'open' } },
  },
  {
    method: 'post', path: '/merchant/conflicts/:redemptionId/resolve', tag: m, summary: 'Resolve a conflict with a decision and a note', auth: 'merchant', roles: operate,
    params: ConflictParams, body: ResolveConflictRequest, success: { status: 200, description: 'The conflict' },
    errors: ['REDEMPTION_NOT_FOUND', 'CONFLICT_ALREADY_RESOLVED'], example: { params: { redemptionId: EXAMPLE_ID }, body: { decision: 'staff_error', note: '收银员重复录入' } },
  },
];
