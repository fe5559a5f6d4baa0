import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planRefund, type RefundedSoFar, type SoldSale } from '../../../../core/sale/refund';
import type { AppliedTender } from '../../../../core/sale/tender';

const t = (tenderId: string, kind: AppliedTender['kind'], amountFen: number, extra: Partial<AppliedTender> = {}): AppliedTender => ({
  tenderId, kind, amountFen, receivedFen: null, reference: null, redemptionId: null, campaignId: null, points: null, ...extra,
});
const sale: SoldSale = {
  totalFen: 10000,
  lines: [
    { lineId: 'a', qty: 3, netFen: 6000, voucherRedemptionId: null },
    { lineId: 'b', qty: 1, netFen: 4000, voucherRedemptionId: null },
    { lineId: 'p', qty: 1, netFen: 0, voucherRedemptionId: 'rp' },
  ],
  tenders: [t('t1', 'voucher', 3000, { redemptionId: 'rv' }), t('t2', 'points', 1000, { points: 1000 }), t('t3', 'cash', 6000, { receivedFen: 6000 })],
  pointsEarned: 60,
};
const none: RefundedSoFar = { lines: [], tenders: [], pointsReversed: 0 };

function after(past: RefundedSoFar, plan: { lines: RefundedSoFar['lines']; tenders: RefundedSoFar['tenders']; pointsReversed: number }): RefundedSoFar {
  return { lines: [...past.lines, ...plan.lines], tenders: [...past.tenders, ...plan.tenders], pointsReversed: past.pointsReversed + plan.pointsReversed };
}

describe('refunds', () => {
  it('refunds a line from cash first and takes back its share of earned points', () => {
    const plan = planRefund(sale, none, { whole: false, lines: [{ lineId: 'a', qty: 1 }] }, true);
    expect(plan).toMatchObject({ ok: true, value: { amountFen: 2000, tenders: [{ tenderId: 't3', amountFen: 2000 }], pointsReversed: 12, restoredRedemptionIds: [] } });
  });

  it('a whole refund returns every tender, restores the vouchers when allowed, and all earned points', () => {
    const plan = planRefund(sale, none, { whole: true }, true);
    expect(plan).toMatchObject({ ok: true, value: { amountFen: 10000, pointsReversed: 60 } });
    if (plan.ok) {
      expect(plan.value.restoredRedemptionIds.sort()).toEqual(['rp', 'rv']);
      expect(plan.value.tenders.find((x) => x.kind === 'points')?.points).toBe(1000);
    }
    const noRestore = planRefund(sale, none, { whole: true }, false);
    expect(noRestore.ok && noRestore.value.restoredRedemptionIds).toEqual([]);
  });

  it('never refunds more than sold', () => {
    expect(planRefund(sale, none, { whole: false, lines: [{ lineId: 'a', qty: 4 }] }, true)).toMatchObject({ ok: false, code: 'REFUND_EXCEEDS_SALE' });
    expect(planRefund(sale, none, { whole: false, lines: [{ lineId: 'a', qty: -1 }] }, true)).toMatchObject({ ok: false, code: 'NEGATIVE_QUANTITY' });
    expect(planRefund(sale, none, { whole: false, lines: [{ lineId: 'zz', qty: 1 }] }, true)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const whole = planRefund(sale, none, { whole: true }, true);
    if (!whole.ok) throw new Error(whole.message);
    expect(planRefund(sale, after(none, whole.value), { whole: true }, true)).toMatchObject({ ok: false, code: 'REFUND_EXCEEDS_SALE' });
  });

  it('any sequence of line refunds sums to at most the sale, per tender and per line (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ line: fc.constantFrom('a', 'b', 'p'), qty: fc.integer({ min: 1, max: 3 }) }), { maxLength: 10 }), (steps) => {
        let past = none;
        for (const step of steps) {
          const plan = planRefund(sale, past, { whole: false, lines: [{ lineId: step.line, qty: step.qty }] }, true);
          if (!plan.ok) continue;
          if (plan.value.amountFen !== plan.value.tenders.reduce((s, x) => s + x.amountFen, 0)) return false;
          past = after(past, plan.value);
        }
        const refunded = past.tenders.reduce((s, x) => s + x.amountFen, 0);
        const perTenderOk = sale.tenders.every((x) => past.tenders.filter((p) => p.tenderId === x.tenderId).reduce((s, p) => s + p.amountFen, 0) <= x.amountFen);
        const perLineOk = sale.lines.every((l) => past.lines.filter((p) => p.lineId === l.lineId).reduce((s, p) => s + p.qty, 0) <= l.qty);
        return refunded <= sale.totalFen && perTenderOk && perLineOk && past.pointsReversed <= sale.pointsEarned && past.pointsReversed >= 0;
      }),
    );
  });
});
