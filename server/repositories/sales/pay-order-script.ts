import { maskCode } from '../../../core/voucher-code';
import { newId } from '../../security/ids';
import { allocateUnits } from '../../use-cases/sales/allocate-units';
import type { PaidAnswer, PaidEvent } from '../../use-cases/sales/channel-event';
import { failure, type Outcome } from '../../use-cases/outcome';
import { ok } from '../../../core/result';
import { issueOrderVouchers, queueVoucherMessages, type IssueContext, type Recipient } from './issue-vouchers-script';
import { upsertMember } from './member-statements';
import { findOrders, orderVouchers, recordEvent, type EventRecord, type OrderRow } from './order-statements';
import { readBuyerCounters, readSaleState, takeUnits } from './sale-state-statements';
import { ScriptConflict, ScriptRefusal, stmt, type SqlScript } from './sql-script';

export interface PayContext extends IssueContext {
  event: EventRecord;
  recipientFor: (phone: string, handleKey: string | null) => Recipient;
}

export interface PayInput {
  event: PaidEvent;
  /** E.164. */
  phone: string;
  handleKey: string | null;
}

function refuse(code: Parameters<typeof failure>[0], message: string, details?: Record<string, unknown>): never {
  throw new ScriptRefusal(failure(code, message, details));
}

/**
 * A paid order, in one transaction: our reserved order becomes paid; an expired one or one sold
 * outside our API takes stock and buyer limits first. Then the member, vouchers with signed QR
 * tokens and one queued message per voucher. An order already paid answers its vouchers again.
 */
export function* payOrderScript(ctx: PayContext, input: PayInput): SqlScript<Outcome<PaidAnswer>> {
  const { order: paid } = input.event;
  const found = yield* findOrders(ctx.merchantId, paid.orderId ?? null, ctx.event.channel, paid.externalOrderId);
  const order = pickOrder(found, paid.orderId, paid.externalOrderId);
  if (order && (order.campaignId !== paid.campaignId || order.quantity !== paid.quantity)) {
    refuse('ORDER_MISMATCH', 'the order exists with another campaign or quantity', { orderId: order.id });
  }
  if (order && order.state !== 'reserved' && order.state !== 'expired') {
    const vouchers = yield* orderVouchers(ctx.merchantId, order.id);
    const answer = paidAnswer(input, order.id, order.state, true, vouchers);
    yield* recordEvent(ctx.event, answer);
    return ok(answer);
  }

  const phone = order?.phone ?? input.phone;
  const handleKey = order ? order.handleKey : input.handleKey;
  if (!order || order.state === 'expired') yield* takeStockForPaidOrder(ctx, { phone, handleKey, quantity: paid.quantity });
  const orderId = order?.id ?? newId();
  const memberId = yield* upsertMember(ctx.kind, ctx.merchantId, { phone, handleKey, orderId }, ctx.nowIso);
  if (order) {
    const updated = yield stmt(
      `UPDATE orders SET state = 'paid', external_order_id = ?, member_id = ?, expires_at = NULL, paid_at = ?, updated_at = ?
        WHERE merchant_id = ? AND id = ? AND state = ?`,
      [paid.externalOrderId, memberId, ctx.nowIso, ctx.nowIso, ctx.merchantId, order.id, order.state],
    );
    if (updated.affected !== 1) throw new ScriptConflict(`order ${order.id} changed while being paid`);
  } else {
    const inserted = yield stmt(
      `INSERT INTO orders (merchant_id, id, campaign_id, channel, external_order_id, buyer_phone, buyer_handle, member_id,
                           quantity, unit_price_fen, state, expires_at, paid_at, refunded_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT price_fen FROM campaigns WHERE merchant_id = ? AND id = ?),
               'paid', NULL, ?, NULL, ?, ?)
       ON CONFLICT (merchant_id, channel, external_order_id) DO NOTHING`,
      [
        ctx.merchantId,
        orderId,
        paid.campaignId,
        ctx.event.channel,
        paid.externalOrderId,
        phone,
        handleKey,
        memberId,
        paid.quantity,
        ctx.merchantId,
        paid.campaignId,
        ctx.nowIso,
        ctx.nowIso,
        ctx.nowIso,
      ],
    );
    // The same order arrived through another delivery at the same moment: start over and find it.
    if (inserted.affected !== 1) throw new ScriptConflict(`order ${paid.externalOrderId} was created concurrently`);
  }

  const issued = yield* issueOrderVouchers(ctx, { id: orderId, quantity: paid.quantity, phone, handleKey, memberId });
  const recipient = ctx.recipientFor(phone, handleKey);
  const voucherIds = issued.map((v) => v.voucherId);
  yield* queueVoucherMessages(ctx.kind, ctx.merchantId, orderId, recipient, 'voucher_issued', voucherIds, ctx.nowIso);
  const summaries = issued.map((v) => ({ voucherId: v.voucherId, codeMasked: maskCode(v.code), uses: ctx.facts.usesPerVoucher, redeemed: 0, status: 'active' }));
  const answer = paidAnswer(input, orderId, 'paid', false, summaries);
  yield* recordEvent(ctx.event, answer);
  return ok(answer);
}

function pickOrder(found: OrderRow[], orderId: string | undefined, externalOrderId: string): OrderRow | undefined {
  if (!orderId) return found[0];
  const mine = found.find((o) => o.id === orderId);
  if (!mine) refuse('ORDER_NOT_FOUND', 'no order with this orderId');
  if (found.some((o) => o.id !== orderId)) refuse('ORDER_MISMATCH', 'this externalOrderId belongs to another order');
  if (mine.externalOrderId !== null && mine.externalOrderId !== externalOrderId) {
    refuse('ORDER_MISMATCH', 'this order was paid under another externalOrderId');
  }
  return mine;
}

/** Stock and buyer limits for an order that holds none (sold elsewhere, or its reservation lapsed). */
function* takeStockForPaidOrder(ctx: PayContext, request: { phone: string; handleKey: string | null; quantity: number }): SqlScript<void> {
  const sale = yield* readSaleState(ctx.kind, ctx.merchantId, ctx.facts.campaignId);
  if (!sale) refuse('CAMPAIGN_NOT_FOUND', 'no such campaign');
  if (sale.state.status === 'draft') refuse('CAMPAIGN_NOT_ON_SALE', 'this campaign is a draft, not on sale');
  const counters = yield* readBuyerCounters(ctx.kind, ctx.merchantId, ctx.facts.campaignId, [request]);
  const allocation = allocateUnits(sale.state, counters, [request]);
  const refusal = allocation.refusals[0];
  if (refusal) throw new ScriptRefusal(refusal);
  yield* takeUnits(ctx.kind, ctx.merchantId, ctx.facts.campaignId, allocation.unitsGranted, allocation.counterDeltas);
}

function paidAnswer(input: PayInput, orderId: string, state: string, duplicate: boolean, vouchers: PaidAnswer['vouchers']): PaidAnswer {
  return {
    eventId: input.event.eventId,
    type: 'order.paid',
    orderId,
    externalOrderId: input.event.order.externalOrderId,
    state,
    duplicate,
    vouchers,
  };
}
