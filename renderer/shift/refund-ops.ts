import type { ErrorCode } from '../../core/errors';
import { fail, ok, type Result } from '../../core/result';
import { planRefund, type SoldSale } from '../../core/sale/refund';
import type { SaleRefundV1 } from '../../core/sale/sale-intents';
import { SETTLE_ORDER } from '../../core/sale/settle';
import type { AppliedTender } from '../../core/sale/tender';
import { computeTotals } from '../../core/sale/totals';
import type { Approval, CounterRefund, CounterSale } from '../db/counter-tables';
import { appendOutbox, outboxTables } from '../db/outbox';
import type { PosDb } from '../db/pos-db';
import { toSaleLine } from '../counter/cart-math';
import { applyMemberDelta, refundMemberDelta, tenderPoints } from '../counter/member-points';

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

/** The sale as the shared refund rule sees it: each line's share of the total and the tenders applied. */
function soldSale(sale: CounterSale): SoldSale {
  const totals = computeTotals(sale.lines.map(toSaleLine), sale.orderDiscountFen);
  const net = totals.ok ? totals.value.lineNetFen : new Map<string, number>();
  const applied: Omit<AppliedTender, 'tenderId'>[] = [
    ...sale.vouchers.filter((v) => v.kind === 'cash').map((v) => ({ kind: 'voucher' as const, amountFen: v.amountFen, receivedFen: null, reference: null, redemptionId: v.redemptionId, campaignId: v.campaignId, points: null })),
    ...sale.payments.map((p) => ({ kind: p.method, amountFen: p.amountFen, receivedFen: null, reference: p.reference, redemptionId: null, campaignId: null, points: p.method === 'points' ? tenderPoints(p) : null })),
  ];
  const tenders = applied.sort((a, b) => SETTLE_ORDER[a.kind] - SETTLE_ORDER[b.kind]).map((t, i) => ({ ...t, tenderId: `t${i + 1}` }));
  return {
    totalFen: sale.totalFen,
    lines: sale.lines.map((l) => ({ lineId: l.lineId, qty: l.quantity, netFen: net.get(l.lineId) ?? 0, voucherRedemptionId: l.voucherRedemptionId })),
    tenders,
    pointsEarned: sale.pointsEarned,
  };
}

/**
 * Refunds or voids as a NEW entry (the sale is never edited), with the manager's approval, in one
 * transaction with its `sale.refund@1` outbox entry. Amounts follow the shared rule the server
 * applies (`core/sale/refund.ts`): each line's share of the total, money back cash first, spent
 * points back to the member and earned points taken back, on the member's local balance at once.
 */
export async function refundSale(db: PosDb, request: RefundRequest): Promise<Result<CounterRefund, ErrorCode>> {
  return db.transaction('rw', [db.sales, db.refunds, db.counterMembers, ...outboxTables(db)], async () => {
    const sale = await db.sales.get(request.saleId);
    if (!sale) return fail('SALE_NOT_FOUND', 'no such sale on this terminal');
    const earlier = await db.refunds.where('saleId').equals(sale.saleId).filter((r) => r.status !== 'rejected').toArray();
    const sold = soldSale(sale);
    const past = {
      lines: earlier.flatMap((r) => r.lines.map((l) => ({ lineId: l.lineId, qty: l.quantity, amountFen: l.amountFen }))),
      tenders: earlier.flatMap((r) => r.tenders.map((t) => ({ tenderId: t.tenderId, amountFen: t.amountFen, points: t.points ?? 0 }))),
      pointsReversed: earlier.reduce((sum, r) => sum + (r.pointsReversed ?? 0), 0),
    };
    const whole = request.lines === undefined;
    const plan = planRefund(sold, past, whole ? { whole: true } : { whole: false, lines: request.lines!.map((l) => ({ lineId: l.lineId, qty: l.quantity })) }, false);
    if (!plan.ok) return plan;
    const refund: CounterRefund = {
      refundId: request.refundId, saleId: sale.saleId, shiftId: sale.shiftId, createdAt: request.deviceTime,
      lines: plan.value.lines.map((l) => ({ lineId: l.lineId, quantity: l.qty, amountFen: l.amountFen })),
      amountFen: plan.value.amountFen,
      tenders: plan.value.tenders.map((t) => ({ tenderId: t.tenderId, kind: t.kind, amountFen: t.amountFen, points: t.points })),
      pointsRestored: plan.value.tenders.reduce((sum, t) => sum + t.points, 0),
      pointsReversed: plan.value.pointsReversed,
      full: whole, reason: request.reason, approval: request.approval, status: 'pending',
    };
    await db.refunds.put(refund);
    await applyMemberDelta(db, sale.memberId, refundMemberDelta(refund));
    const args: SaleRefundV1 = {
      refundId: refund.refundId, saleId: sale.saleId, whole, reason: request.reason, cashierId: request.cashierId, approval: request.approval,
      lines: refund.lines.map((l) => ({ lineId: l.lineId, qty: l.quantity })),
    };
    await appendOutbox(db, { intent: 'sale.refund@1', args, deviceTime: request.deviceTime, clientId: refund.refundId });
    return ok(refund);
  });
}
