import { newId } from '../../security/ids';
import { issueOrderVouchers, queueVoucherMessages, type IssueContext, type Recipient } from '../sales/issue-vouchers-script';
import { upsertMember } from '../sales/member-statements';
import type { VoucherSummary } from '../../use-cases/sales/channel-event';
import { orderVouchers } from '../sales/order-statements';
import { instantParam, one, ScriptConflict, stmt, text, type SqlScript } from '../sales/sql-script';

/** Orders the back office makes when it issues vouchers by hand: their channel, never a platform's. */
export const BY_HAND_CHANNEL = 'backoffice';

export interface ByHandRequest {
  /** The client's id for this request: a retry with it issues nothing more. */
  requestId: string;
  /** E.164. */
  phone: string;
  count: number;
  recipient: Recipient;
  userId: string;
}

export interface ByHandAnswer {
  orderId: string;
  campaignId: string;
  vouchers: VoucherSummary[];
  duplicate: boolean;
}

/**
 * Vouchers given by hand: a free order (0 fen, channel `backoffice`, paid at once, stock untouched)
 * so they sit in the ledger like any other, the buyer's member, the vouchers with signed QR codes,
 * their messages, and the audit entry — one transaction.
 */
export function* issueByHandScript(ctx: IssueContext, request: ByHandRequest): SqlScript<ByHandAnswer> {
  const campaignId = ctx.facts.campaignId;
  const existing = one(
    yield stmt(`SELECT id FROM orders WHERE merchant_id = ? AND channel = ? AND external_order_id = ?`, [ctx.merchantId, BY_HAND_CHANNEL, request.requestId]),
  );
  if (existing) {
    const orderId = text(existing, 'id');
    return { orderId, campaignId, vouchers: yield* orderVouchers(ctx.merchantId, orderId), duplicate: true };
  }
  const orderId = newId();
  const memberId = yield* upsertMember(ctx.kind, ctx.merchantId, { phone: request.phone, handleKey: null, orderId }, ctx.nowIso);
  const at = instantParam(ctx.kind);
  const inserted = yield stmt(
    `INSERT INTO orders (merchant_id, id, campaign_id, channel, external_order_id, buyer_phone, buyer_handle, member_id,
                         quantity, unit_price_fen, state, expires_at, paid_at, refunded_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, 0, 'paid', NULL, ${at}, NULL, ${at}, ${at})
     ON CONFLICT (merchant_id, channel, external_order_id) DO NOTHING`,
    [ctx.merchantId, orderId, campaignId, BY_HAND_CHANNEL, request.requestId, request.phone, memberId, request.count, ctx.nowIso, ctx.nowIso, ctx.nowIso],
  );
  if (inserted.affected !== 1) throw new ScriptConflict(`by-hand request ${request.requestId} is being issued concurrently`);
  const issued = yield* issueOrderVouchers(ctx, { id: orderId, quantity: request.count, phone: request.phone, handleKey: null, memberId });
  const voucherIds = issued.map((v) => v.voucherId);
  yield* queueVoucherMessages(ctx.kind, ctx.merchantId, orderId, request.recipient, 'voucher_issued', voucherIds, ctx.nowIso);
  yield stmt(
    `INSERT INTO audit_log (merchant_id, id, at, actor_type, actor_id, action, subject_id, details) VALUES (?, ?, ${at}, 'user', ?, 'voucher.issue_by_hand', ?, ?)`,
    [ctx.merchantId, newId(), ctx.nowIso, request.userId, orderId, JSON.stringify({ campaignId, count: request.count, voucherIds })],
  );
  return { orderId, campaignId, vouchers: yield* orderVouchers(ctx.merchantId, orderId), duplicate: false };
}
