import { z } from 'zod';
import { maskPhone } from '../../../core/mask';
import { ok } from '../../../core/result';
import { ledgerRows } from '../../repositories/backoffice/ledger-queries';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import type { Named } from '../../repositories/backoffice/name-lookup';
import {
  groupPriceRefundsOf,
  notificationById,
  notificationsOfVoucher,
  voucherOrigin,
  type NotificationDetailRow,
} from '../../repositories/backoffice/support-history-queries';
import { findVoucherById } from '../../repositories/backoffice/support-queries';
import { userAuditInsert } from '../../repositories/backoffice/user-audit';
import { failure, type Outcome } from '../outcome';
import type { BackofficeDeps } from './deps';
import { ledgerPage } from './ledger-views';
import { supportVouchers, type SupportVoucher } from './support-views';

export const NotificationParams = z.object({ id: z.string().trim().min(1).max(64) });

/** A message's delivery state: queued, sent, delivered, or failed with the provider's reason. */
export interface NotificationState {
  notificationId: string;
  voucherId: string | null;
  channel: string;
  template: string;
  recipientMasked: string;
  state: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
}

export type HistoryEvent =
  | { type: 'issued'; at: string; orderId: string | null; channel: string | null }
  | { type: 'redemption'; at: string; redemptionId: string; count: number; mode: string; outcome: string; store: Named; terminal: Named; cashier: Named | null; deviceTime: string }
  | { type: 'reversal'; at: string; redemptionId: string; usesFreed: number; reason: string; manager: Named | null }
  | { type: 'refund'; at: string; orderId: string; refundedQuantity: number; state: string }
  | { type: 'group_price_refund'; at: string; orderId: string; units: number; refundFen: number }
  | ({ type: 'notification'; at: string } & NotificationState);

/** A DM handle is shown as it is (it is the buyer's public account name); a phone is masked. */
function notificationView(row: NotificationDetailRow): NotificationState {
  return {
    notificationId: row.id,
    voucherId: row.voucher_id,
    channel: row.channel,
    template: row.template,
    recipientMasked: row.channel === 'sms' ? maskPhone(row.recipient) : row.recipient,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
    deliveredAt: row.delivered_at,
  };
}

const HISTORY_REDEMPTIONS = 500;

/** Everything that happened to one voucher, oldest first; audited like every support look-up. */
export async function voucherHistory(deps: BackofficeDeps, session: MerchantSession, voucherId: string): Promise<Outcome<{ voucher: SupportVoucher; events: HistoryEvent[] }>> {
  const merchantId = session.merchant.id;
  const row = await findVoucherById(deps.db, merchantId, voucherId);
  const origin = row ? await voucherOrigin(deps.db, merchantId, row.id) : undefined;
  if (!row || !origin) return failure('VOUCHER_NOT_FOUND', 'no such voucher');
  const [[voucher], ledger, messages, groupRefunds] = await Promise.all([
    supportVouchers(deps, merchantId, [row]),
    ledgerRows(deps.db, merchantId, { voucherId: row.id, storeIds: null, after: null, limit: HISTORY_REDEMPTIONS }),
    notificationsOfVoucher(deps.db, merchantId, row.id),
    origin.order_id ? groupPriceRefundsOf(deps.db, merchantId, origin.order_id) : Promise.resolve([]),
  ]);
  const entries = (await ledgerPage(deps.db, merchantId, ledger, HISTORY_REDEMPTIONS)).items;
  const events: HistoryEvent[] = [{ type: 'issued', at: origin.created_at, orderId: origin.order_id, channel: origin.channel }];
  for (const e of entries) {
    events.push({ type: 'redemption', at: e.serverTime, redemptionId: e.redemptionId, count: e.count, mode: e.mode, outcome: e.outcome, store: e.store, terminal: e.terminal, cashier: e.cashier, deviceTime: e.deviceTime });
    if (e.reversal) events.push({ type: 'reversal', at: e.reversal.at, redemptionId: e.redemptionId, usesFreed: e.reversal.usesFreed, reason: e.reversal.reason, manager: e.reversal.manager });
  }
  if (origin.order_id && origin.refunded_at && origin.state) {
    events.push({ type: 'refund', at: origin.refunded_at, orderId: origin.order_id, refundedQuantity: origin.refunded_quantity ?? 0, state: origin.state });
  }
  for (const r of groupRefunds) events.push({ type: 'group_price_refund', at: r.created_at, orderId: origin.order_id ?? '', units: r.units, refundFen: r.refund_fen });
  for (const m of messages) events.push({ type: 'notification', at: m.created_at, ...notificationView(m) });
  // A stable sort keeps same-instant events in the order built above (issued, redemption, reversal, …).
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  await userAuditInsert(deps.db, { merchantId, userId: session.user.id, action: 'support.voucher_history', subjectId: row.id, details: { events: events.length }, at: deps.now().toISOString() }).execute();
  return ok({ voucher: voucher!, events });
}

export async function notificationState(deps: BackofficeDeps, session: MerchantSession, id: string): Promise<Outcome<NotificationState>> {
  const row = await notificationById(deps.db, session.merchant.id, id);
  return row ? ok(notificationView(row)) : failure('NOTIFICATION_NOT_FOUND', 'no message with this id');
}
