import { ok } from '../../../core/result';
import type { DbKind } from '../../db/db-kind';
import { failure, type Outcome } from '../../use-cases/outcome';
import type { RefundAnswer, RefundedEvent, VoucherSummary } from '../../use-cases/sales/channel-event';
import { queueVoucherMessages, type Recipient } from './issue-vouchers-script';
import { buyerKeys } from '../../use-cases/sales/allocate-units';
import { findOrders, orderVouchers, recordEvent, type EventRecord } from './order-statements';
import { giveBackUnits } from './sale-state-statements';
import { ScriptConflict, ScriptRefusal, stmt, text, type SqlScript } from './sql-script';

export interface RefundContext {
  kind: DbKind;
  merchantId: string;
  nowIso: string;
  event: EventRecord;
  recipientFor: (phone: string, handleKey: string | null) => Recipient;
}

/**
 * A refunded order: its vouchers still active are voided (a partly redeemed one loses only what is
 * left), the order becomes refunded or partly_refunded, each voided voucher never used goes back to
 * the campaign's stock and the buyer's limit as one unit, and the buyer is told which codes are void.
 */
export function* refundOrderScript(ctx: RefundContext, event: RefundedEvent): SqlScript<Outcome<RefundAnswer>> {
  const { orderId, externalOrderId } = event.order;
  const found = yield* findOrders(ctx.merchantId, orderId ?? null, ctx.event.channel, externalOrderId);
  const order = orderId ? found.find((o) => o.id === orderId) : found[0];
  if (!order) throw new ScriptRefusal(failure('ORDER_NOT_FOUND', 'no such order'));
  if (order.state === 'reserved' || order.state === 'expired') {
    throw new ScriptRefusal(failure('ORDER_NOT_PAID', `the order is ${order.state}, not paid`, { state: order.state }));
  }
  if (order.externalOrderId !== externalOrderId) throw new ScriptRefusal(failure('ORDER_MISMATCH', 'the order was paid under another externalOrderId'));

  let voidedIds = new Set<string>();
  const duplicate = order.state !== 'paid';
  if (duplicate) {
    const voided = yield stmt(
      `SELECT voucher_id FROM notifications WHERE merchant_id = ? AND order_id = ? AND template = 'voucher_refunded'`,
      [ctx.merchantId, order.id],
    );
    voidedIds = new Set(voided.rows.map((row) => text(row, 'voucher_id')));
  } else {
    const voided = yield stmt(
      `UPDATE vouchers SET status = 'void', updated_at = ? WHERE merchant_id = ? AND order_id = ? AND status = 'active' RETURNING id`,
      [ctx.nowIso, ctx.merchantId, order.id],
    );
    voidedIds = new Set(voided.rows.map((row) => text(row, 'id')));
  }
  const vouchers = yield* orderVouchers(ctx.merchantId, order.id);
  const redeemed = vouchers.filter((v) => v.redeemed > 0);
  const state = redeemed.length > 0 ? 'partly_refunded' : 'refunded';
  if (!duplicate) {
    const updated = yield stmt(
      `UPDATE orders SET state = ?, refunded_quantity = ?, refunded_at = ?, updated_at = ?
        WHERE merchant_id = ? AND id = ? AND state = 'paid'`,
      [state, voidedIds.size, ctx.nowIso, ctx.nowIso, ctx.merchantId, order.id],
    );
    if (updated.affected !== 1) throw new ScriptConflict(`order ${order.id} changed while being refunded`);
    const unused = vouchers.filter((v) => voidedIds.has(v.voucherId) && v.redeemed === 0).length;
    if (unused > 0) yield* giveBackUnits(ctx.merchantId, order.campaignId, unused, new Map(buyerKeys(order).map((key) => [key, unused])));
    const recipient = ctx.recipientFor(order.phone, order.handleKey);
    yield* queueVoucherMessages(ctx.kind, ctx.merchantId, order.id, recipient, 'voucher_refunded', [...voidedIds], ctx.nowIso);
  }
  const answer: RefundAnswer = {
    eventId: event.eventId,
    type: 'order.refunded',
    orderId: order.id,
    externalOrderId,
    state: duplicate ? (order.state as RefundAnswer['state']) : state,
    duplicate,
    voided: vouchers.filter((v: VoucherSummary) => voidedIds.has(v.voucherId)),
    redeemed,
  };
  yield* recordEvent(ctx.event, answer);
  return ok(answer);
}
