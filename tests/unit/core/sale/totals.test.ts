import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CartLine } from '../../../../core/sale/cart-line';
import { discountNeedsManager } from '../../../../core/sale/discount-approval';
import { computeTotals, spreadProportionally } from '../../../../core/sale/totals';
import { cartLines } from './arbitraries';

const line = (over: Partial<CartLine>): CartLine => ({
  lineId: 'l1', itemId: 'i1', name: '招牌红烧肉', qty: 1, unitPriceFen: 6800, discountFen: 0, voucherRedemptionId: null, note: null, ...over,
});

describe('bill totals', () => {
  it('adds lines, line discounts and the order discount in fen', () => {
    const totals = computeTotals([line({ qty: 2 }), line({ lineId: 'l2', unitPriceFen: 1200, discountFen: 200 })], 500);
    expect(totals).toMatchObject({ ok: true, value: { grossFen: 14800, lineDiscountFen: 200, orderDiscountFen: 500, totalFen: 14100 } });
  });

  it('refuses zero, negative and fractional quantities with NEGATIVE_QUANTITY', () => {
    for (const qty of [0, -1, 1.5, Number.NaN]) expect(computeTotals([line({ qty })], 0)).toMatchObject({ ok: false, code: 'NEGATIVE_QUANTITY' });
  });

  it('refuses a discount larger than what it applies to, and a priced voucher line', () => {
    expect(computeTotals([line({ discountFen: 6801 })], 0)).toMatchObject({ ok: false, code: 'DISCOUNT_INVALID' });
    expect(computeTotals([line({})], 6801)).toMatchObject({ ok: false, code: 'DISCOUNT_INVALID' });
    expect(computeTotals([line({})], -1)).toMatchObject({ ok: false, code: 'DISCOUNT_INVALID' });
    expect(computeTotals([line({ voucherRedemptionId: 'r' })], 0)).toMatchObject({ ok: false, code: 'VOUCHER_KIND_MISMATCH' });
    expect(computeTotals([line({ unitPriceFen: 12.5 })], 0)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });

  it('line shares after the order discount are whole fen that sum to the total (property)', () => {
    fc.assert(
      fc.property(cartLines, fc.integer({ min: 0, max: 1000 }), (lines, permille) => {
        const net = lines.reduce((s, l) => s + l.qty * l.unitPriceFen - l.discountFen, 0);
        const totals = computeTotals(lines, Math.floor((net * permille) / 1000));
        if (!totals.ok) return false;
        const shares = [...totals.value.lineNetFen.values()];
        return shares.every((s) => Number.isSafeInteger(s) && s >= 0) && shares.reduce((a, b) => a + b, 0) === totals.value.totalFen;
      }),
    );
  });

  it('spreads an amount exactly (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 }), fc.nat(), (weights, seed) => {
        const total = weights.reduce((a, b) => a + b, 0);
        const amount = total === 0 ? 0 : seed % (total + 1);
        const parts = spreadProportionally(amount, weights);
        return parts.reduce((a, b) => a + b, 0) === amount && parts.every((p, i) => p >= 0 && p <= (weights[i] ?? 0));
      }),
    );
  });

  it('asks for a manager above the threshold only', () => {
    expect(discountNeedsManager(2000, { managerPinAboveFen: 2000 })).toBe(false);
    expect(discountNeedsManager(2001, { managerPinAboveFen: 2000 })).toBe(true);
  });
});
