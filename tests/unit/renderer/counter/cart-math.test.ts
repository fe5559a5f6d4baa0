import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cartTotals, settle, type CartLine } from '../../../../renderer/counter/cart-math';
import type { SettleContext } from '../../../../core/sale/settle';
import type { TenderRecord } from '../../../../renderer/db/counter-tables';

/** 2 points per yuan earned; a point spent is worth 10 fen; the member holds 500 points. */
const member: SettleContext = { pointsRule: { earnFenPerPoint: 50, redeemFenPerPoint: 10 }, pointsBalance: 500 };

const line = (over: Partial<CartLine> = {}): CartLine => ({
  lineId: 'l1',
  itemId: 'i1',
  name: '宫保鸡丁',
  unitPriceFen: 3800,
  quantity: 1,
  discountFen: 0,
  note: null,
  voucherRedemptionId: null,
  ...over,
});

describe('cart totals', () => {
  it('adds lines, takes line and order discounts, caps a cash voucher by its face value', () => {
    const totals = cartTotals([line({ quantity: 2, discountFen: 600 }), line({ lineId: 'l2', unitPriceFen: 500 })], 200, [
      { redemptionId: 'r1', faceValueFen: 5000, minSpendFen: 6000 },
    ]);
    expect(totals).toEqual({
      ok: true,
      value: { subtotalFen: 8100, lineDiscountFen: 600, orderDiscountFen: 200, dueFen: 7300, voucherAmounts: [5000], voucherFen: 5000, toPayFen: 2300 },
    });
  });

  it('lets a voucher pay at most what is left, never making change, across several vouchers', () => {
    const totals = cartTotals([line()], 0, [
      { redemptionId: 'a', faceValueFen: 3000, minSpendFen: 0 },
      { redemptionId: 'b', faceValueFen: 3000, minSpendFen: 0 },
    ]);
    expect(totals.ok && totals.value.voucherAmounts).toEqual([3000, 800]);
    expect(totals.ok && totals.value.toPayFen).toBe(0);
  });

  it('refuses a voucher below its minimum spend, negative quantities and oversized discounts', () => {
    expect(cartTotals([line()], 0, [{ redemptionId: 'a', faceValueFen: 1000, minSpendFen: 5000 }])).toMatchObject({ ok: false, code: 'MIN_SPEND_NOT_MET' });
    expect(cartTotals([line({ quantity: -1 })], 0, [])).toMatchObject({ ok: false, code: 'NEGATIVE_QUANTITY' });
    expect(cartTotals([line({ quantity: 1.5 })], 0, [])).toMatchObject({ ok: false, code: 'NEGATIVE_QUANTITY' });
    expect(cartTotals([line({ discountFen: 3900 })], 0, [])).toMatchObject({ ok: false, code: 'DISCOUNT_INVALID' });
    expect(cartTotals([line()], 3801, [])).toMatchObject({ ok: false, code: 'DISCOUNT_INVALID' });
  });
});

describe('split tender', () => {
  it('gives change from cash only and stores tenders that sum to the amount due', () => {
    const settled = settle(2300, [
      { method: 'wechat', amountFen: 1000, reference: 'wx-1' },
      { method: 'cash', amountFen: 2000, reference: null },
    ], member);
    expect(settled).toEqual({
      ok: true,
      value: { changeFen: 700, moneyPaidFen: 2300, tenders: [{ method: 'wechat', amountFen: 1000, reference: 'wx-1' }, { method: 'cash', amountFen: 1300, reference: null }] },
    });
  });

  it('refuses a card paying more than due and a short payment', () => {
    expect(settle(1000, [{ method: 'card', amountFen: 1200, reference: 'c' }], member)).toMatchObject({ ok: false, code: 'OVERPAID_NON_CASH' });
    expect(settle(1000, [{ method: 'cash', amountFen: 900, reference: null }], member)).toMatchObject({ ok: false, code: 'PAYMENT_SHORT' });
    expect(settle(1000, [{ method: 'cash', amountFen: 0, reference: null }], member)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });

  it('pays with points at the merchant rate; only cash and wallets count as money that earns', () => {
    const settled = settle(1550, [{ method: 'points', amountFen: 1500, reference: null, points: 150 }, { method: 'cash', amountFen: 100, reference: null }], member);
    expect(settled).toEqual({
      ok: true,
      value: {
        changeFen: 50,
        moneyPaidFen: 50,
        tenders: [{ method: 'points', amountFen: 1500, reference: null, points: 150 }, { method: 'cash', amountFen: 50, reference: null }],
      },
    });
  });

  it('refuses points beyond the balance, fractional points, points with no member and points worth more than is left', () => {
    const points = (n: number): TenderRecord => ({ method: 'points', amountFen: n * 10, reference: null, points: n });
    expect(settle(10_000, [points(501)], member)).toMatchObject({ ok: false, code: 'POINTS_INSUFFICIENT' });
    expect(settle(10_000, [points(300), points(201)], member)).toMatchObject({ ok: false, code: 'POINTS_INSUFFICIENT' });
    expect(settle(10_000, [points(1.5)], member)).toMatchObject({ ok: false, code: 'POINTS_NOT_WHOLE' });
    expect(settle(10_000, [points(10)], { ...member, pointsBalance: null })).toMatchObject({ ok: false, code: 'POINTS_NEED_MEMBER' });
    expect(settle(10_000, [points(10)], { ...member, pointsRule: { earnFenPerPoint: 50, redeemFenPerPoint: 0 } })).toMatchObject({ ok: false, code: 'POINTS_NOT_ACCEPTED' });
    expect(settle(1000, [points(101)], member)).toMatchObject({ ok: false, code: 'POINTS_EXCEED_DUE' });
  });

  it('property: accepted tenders sum to the amount due, change is never negative, points stay within the balance', () => {
    const money = fc.record({
      method: fc.constantFrom<TenderRecord['method']>('cash', 'wechat', 'alipay', 'card'),
      amountFen: fc.integer({ min: 1, max: 50_000 }),
      reference: fc.constant(null),
    });
    const points = fc.integer({ min: 1, max: 800 }).map((n): TenderRecord => ({ method: 'points', amountFen: n * 10, reference: null, points: n }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.array(fc.oneof(money, points), { maxLength: 5 }), (due, offered) => {
        const settled = settle(due, offered, member);
        if (!settled.ok) return;
        expect(settled.value.changeFen).toBeGreaterThanOrEqual(0);
        expect(settled.value.tenders.reduce((s, t) => s + t.amountFen, 0)).toBe(due);
        expect(settled.value.tenders.every((t) => t.amountFen > 0)).toBe(true);
        const spent = settled.value.tenders.reduce((s, t) => s + (t.points ?? 0), 0);
        expect(spent).toBeLessThanOrEqual(500);
        expect(settled.value.tenders.filter((t) => t.method === 'points').every((t) => t.amountFen === (t.points ?? 0) * 10)).toBe(true);
      }),
    );
  });

  it('property: vouchers and the rest always add up to the bill', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ price: fc.integer({ min: 0, max: 20_000 }), qty: fc.integer({ min: 1, max: 9 }) }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 30_000 }), { maxLength: 3 }),
        (items, faces) => {
          const lines = items.map((it, i) => line({ lineId: `l${i}`, unitPriceFen: it.price, quantity: it.qty }));
          const totals = cartTotals(lines, 0, faces.map((f, i) => ({ redemptionId: `v${i}`, faceValueFen: f, minSpendFen: 0 })));
          expect(totals.ok).toBe(true);
          if (!totals.ok) return;
          expect(totals.value.voucherFen + totals.value.toPayFen).toBe(totals.value.dueFen);
          expect(totals.value.toPayFen).toBeGreaterThanOrEqual(0);
          totals.value.voucherAmounts.forEach((a, i) => expect(a).toBeLessThanOrEqual(faces[i]!));
        },
      ),
    );
  });
});
