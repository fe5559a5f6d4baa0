import { planRefund, type RefundedSoFar, type SoldSale } from '../../core/sale/refund';
import type { SaleRefundResult, SaleRefundV1 } from '../../core/sale/sale-intents';
import type { AppliedTender, TenderKind } from '../../core/sale/tender';
import { applied, rejected, type EntryContext, type EntryOutcome } from '../sync/push/entry-outcome';
import { isStoreManager } from '../sync/policy/policy-statements';
import { first, num, numOrNull, q, rows, str, strOrNull, type Steps } from '../sync/sql/steps';
import { readCounterSettings } from './counter-settings';
import { addPoints, audit } from './member-statements';
import { assertRefundWithinSale, lockSale } from './refund-invariant';
import { restoreVoucherUse } from './restore-voucher';

function* soldSale(merchantId: string, saleId: string, sale: Record<string, unknown>): Steps<SoldSale> {
  const lines = yield* rows(`SELECT line_id, qty, net_fen, voucher_redemption_id FROM sale_lines WHERE merchant_id = ? AND sale_id = ? ORDER BY line_id`, [merchantId, saleId]);
  const tenders = yield* rows(`SELECT * FROM sale_payments WHERE merchant_id = ? AND sale_id = ? ORDER BY tender_id`, [merchantId, saleId]);
  return {
    totalFen: num(sale, 'total_fen'),
    pointsEarned: num(sale, 'points_earned'),
    lines: lines.map((l) => ({ lineId: str(l, 'line_id'), qty: num(l, 'qty'), netFen: num(l, 'net_fen'), voucherRedemptionId: strOrNull(l, 'voucher_redemption_id') })),
    tenders: tenders.map((t): AppliedTender => ({
      tenderId: str(t, 'tender_id'), kind: str(t, 'kind') as TenderKind, amountFen: num(t, 'amount_fen'), receivedFen: numOrNull(t, 'received_fen'),
      reference: strOrNull(t, 'reference'), redemptionId: strOrNull(t, 'redemption_id'), campaignId: strOrNull(t, 'campaign_id'), points: numOrNull(t, 'points'),
    })),
  };
}

function* refundedSoFar(merchantId: string, saleId: string): Steps<RefundedSoFar> {
  const lines = yield* rows(`SELECT line_id, qty, amount_fen FROM sale_refund_lines WHERE merchant_id = ? AND sale_id = ?`, [merchantId, saleId]);
  const tenders = yield* rows(`SELECT tender_id, amount_fen, points FROM sale_refund_tenders WHERE merchant_id = ? AND sale_id = ?`, [merchantId, saleId]);
  const reversed = yield* first(`SELECT coalesce(sum(points_reversed), 0) AS n FROM sale_refunds WHERE merchant_id = ? AND sale_id = ?`, [merchantId, saleId]);
  return {
    lines: lines.map((l) => ({ lineId: str(l, 'line_id'), qty: num(l, 'qty'), amountFen: num(l, 'amount_fen') })),
    tenders: tenders.map((t) => ({ tenderId: str(t, 'tender_id'), amountFen: num(t, 'amount_fen'), points: num(t, 'points') })),
    pointsReversed: num(reversed, 'n'),
  };
}

/**
 * `sale.refund@1`: a manager-approved refund of a whole sale or some lines, as new ledger rows; the
 * money goes back by the domain's order, earned points are taken back, spent points restored, and
 * voucher uses come back when the merchant allows it.
 */
export function* saleRefundEntry(ctx: EntryContext, args: SaleRefundV1): Steps<EntryOutcome> {
  const merchantId = ctx.session.merchant.id;
  const storeId = ctx.session.store.id;
  const refundId = args.refundId.toLowerCase();
  const saleId = args.saleId.toLowerCase();
  if (yield* first(`SELECT 1 AS one FROM sale_refunds WHERE merchant_id = ? AND id = ?`, [merchantId, refundId])) {
    return rejected(ctx, 'VALIDATION_FAILED', 'this refund id was already used by another entry');
  }
  // Locked before reading what was refunded so far: two terminals refunding one sale take turns.
  const sale = yield* lockSale(ctx.kind, merchantId, saleId, storeId);
  if (!sale) return rejected(ctx, 'SALE_NOT_FOUND', 'no such sale at this store');
  if (!(yield* isStoreManager(merchantId, storeId, args.approval.managerId))) {
    return rejected(ctx, 'MANAGER_PIN_INVALID', 'the approving manager is not a manager of this store');
  }
  const settings = yield* readCounterSettings(merchantId);
  const request = args.whole ? { whole: true as const } : { whole: false as const, lines: args.lines };
  const plan = planRefund(yield* soldSale(merchantId, saleId, sale), yield* refundedSoFar(merchantId, saleId), request, settings.restoreVoucherOnRefund);
  if (!plan.ok) return rejected(ctx, plan.code, plan.message);
  const p = plan.value;
  const shift = yield* first(`SELECT id FROM shifts WHERE merchant_id = ? AND terminal_id = ? AND closed_at IS NULL`, [merchantId, ctx.session.terminal.id]);
  yield q(
    `INSERT INTO sale_refunds (merchant_id, id, sale_id, store_id, terminal_id, shift_id, amount_fen, points_reversed, whole, reason, approved_by, device_time, server_time)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [merchantId, refundId, saleId, storeId, ctx.session.terminal.id, strOrNull(shift, 'id') ?? strOrNull(sale, 'shift_id'), p.amountFen, p.pointsReversed,
      args.whole ? 1 : 0, args.reason, args.approval.managerId, new Date(ctx.entry.deviceTime).toISOString(), ctx.serverTime],
  );
  for (const l of p.lines) {
    yield q(`INSERT INTO sale_refund_lines (merchant_id, refund_id, sale_id, line_id, qty, amount_fen) VALUES (?, ?, ?, ?, ?, ?)`, [merchantId, refundId, saleId, l.lineId, l.qty, l.amountFen]);
  }
  for (const t of p.tenders) {
    yield q(`INSERT INTO sale_refund_tenders (merchant_id, refund_id, sale_id, tender_id, kind, amount_fen, points) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
      merchantId, refundId, saleId, t.tenderId, t.kind, t.amountFen, t.points,
    ]);
  }
  yield* assertRefundWithinSale(merchantId, saleId, num(sale, 'total_fen'));
  const memberId = strOrNull(sale, 'member_id');
  if (memberId) {
    const base = { merchantId, memberId, saleId, refundId, storeId, at: ctx.serverTime };
    yield* addPoints({ ...base, delta: -p.pointsReversed, reason: 'refund_reverse' });
    yield* addPoints({ ...base, delta: p.tenders.reduce((s, t) => s + t.points, 0), reason: 'refund_restore' });
  }
  for (const redemptionId of p.restoredRedemptionIds) {
    yield* restoreVoucherUse(ctx, redemptionId, `refund ${refundId}`, args.approval.managerId);
  }
  yield* audit(merchantId, ctx.serverTime, ctx.session.terminal.id, args.whole ? 'sale.void' : 'sale.refund', saleId, {
    refundId, managerId: args.approval.managerId, amountFen: p.amountFen, reason: args.reason,
  });
  const result: SaleRefundResult = {
    refundId, amountFen: p.amountFen, tenders: p.tenders.map((t) => ({ tenderId: t.tenderId, kind: t.kind, amountFen: t.amountFen })),
    pointsReversed: p.pointsReversed, restoredRedemptionIds: p.restoredRedemptionIds,
  };
  return applied(ctx, result);
}
