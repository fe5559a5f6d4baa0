import { fail, ok, type Result } from '../../core/result';
import type { ErrorCode } from '../../core/errors';
import type { SaleRefundV1 } from '../../core/sale/sale-intents';
import type { Approval, CounterRefund, CounterSale } from '../db/counter-tables';
import { appendOutbox, outboxTables } from '../db/outbox';
import type { PosDb } from '../db/pos-db';

export interface RefundRequest {
  refundId: string;
  saleId: string;
  /** Absent: the whole sale (a void). */
  lines?: { lineId: string; quantity: number }[];
  reason: string;
  cashierId: string | null;
  approval: Approval;
  deviceTime: string;
}

/** What is left to refund of each line after earlier refunds. */
function refundable(sale: CounterSale, earlier: readonly CounterRefund[]): Map<string, number> {
  const left = new Map(sale.lines.map((l) => [l.lineId, l.quantity]));
  for (const r of earlier) for (const l of r.lines) left.set(l.lineId, (left.get(l.lineId) ?? 0) - l.quantity);
  return left;
}

/**
 * Refunds or voids as a NEW entry (the sale is never edited), with the manager's approval, in one
 * transaction with its `sale.refund@1` outbox entry. A line's refund is its share of what the bill
 * came to; the money goes back in cash.
 */
export async function refundSale(db: PosDb, request: RefundRequest): Promise<Result<CounterRefund, ErrorCode>> {
  return db.transaction('rw', [db.sales, db.refunds, ...outboxTables(db)], async () => {
    const sale = await db.sales.get(request.saleId);
    if (!sale) return fail('SALE_NOT_FOUND', 'no such sale on this terminal');
    const earlier = await db.refunds.where('saleId').equals(sale.saleId).filter((r) => r.status !== 'rejected').toArray();
    const left = refundable(sale, earlier);
    const whole = request.lines === undefined;
    const wanted = whole ? [...left].filter(([, q]) => q > 0).map(([lineId, quantity]) => ({ lineId, quantity })) : request.lines!;
    if (wanted.length === 0) return fail('REFUND_EXCEEDS_SALE', 'nothing is left to refund on this sale');
    const lines: CounterRefund['lines'] = [];
    for (const w of wanted) {
      const line = sale.lines.find((l) => l.lineId === w.lineId);
      if (!line) return fail('VALIDATION_FAILED', `line ${w.lineId} is not on this sale`);
      if (!Number.isSafeInteger(w.quantity) || w.quantity < 1) return fail('NEGATIVE_QUANTITY', 'refund a whole number ≥ 1');
      if (w.quantity > (left.get(w.lineId) ?? 0)) return fail('REFUND_EXCEEDS_SALE', 'more than was sold (or already refunded)');
      lines.push({ lineId: w.lineId, quantity: w.quantity, amountFen: lineShare(sale, line.lineId, w.quantity) });
    }
    const paid = sale.payments.reduce((s, t) => s + t.amountFen, 0);
    const refundedBefore = earlier.reduce((s, r) => s + r.amountFen, 0);
    const amountFen = Math.min(lines.reduce((s, l) => s + l.amountFen, 0), paid - refundedBefore);
    const refund: CounterRefund = {
      refundId: request.refundId, saleId: sale.saleId, shiftId: sale.shiftId, createdAt: request.deviceTime, lines, amountFen,
      tenders: amountFen > 0 ? [{ method: 'cash', amountFen, reference: null }] : [],
      full: whole, reason: request.reason, approval: request.approval, status: 'pending',
    };
    await db.refunds.put(refund);
    const args: SaleRefundV1 = {
      refundId: refund.refundId, saleId: sale.saleId, whole, reason: request.reason, cashierId: request.cashierId, approval: request.approval,
      lines: lines.map((l) => ({ lineId: l.lineId, qty: l.quantity })),
    };
    await appendOutbox(db, { intent: 'sale.refund@1', args, deviceTime: request.deviceTime, clientId: refund.refundId });
    return ok(refund);
  });
}

/** A line's part of what the customer paid (after the order discount and vouchers), for `quantity` units. */
export function lineShare(sale: CounterSale, lineId: string, quantity: number): number {
  const line = sale.lines.find((l) => l.lineId === lineId);
  const net = sale.lines.reduce((s, l) => s + l.totalFen, 0);
  if (!line || net === 0 || line.quantity === 0) return 0;
  const paid = sale.payments.reduce((s, t) => s + t.amountFen, 0);
  return Math.floor((paid * line.totalFen * quantity) / (net * line.quantity));
}
