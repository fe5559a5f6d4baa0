import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointsEarned, pointsMost } from '../../../../core/sale/points-rule';
import { moneyPaidFen, settle, type PaymentInput, type SettleContext } from '../../../../core/sale/settle';

const ctx: SettleContext = { pointsRule: { earnFenPerPoint: 100, redeemFenPerPoint: 1 }, pointsBalance: 500 };
const voucher = (redemptionId: string, faceValueFen: number, minSpendFen = 0, amountFen?: number): PaymentInput => ({
  kind: 'voucher', redemptionId, terms: { campaignId: `c-${redemptionId}`, faceValueFen, minSpendFen }, ...(amountFen === undefined ? {} : { amountFen }),
});

describe('payments on a bill', () => {
  it('gives change from cash only', () => {
    const s = settle(6800, [{ kind: 'cash', receivedFen: 10000 }], ctx);
    expect(s).toMatchObject({ ok: true, value: { changeFen: 3200, tenders: [{ kind: 'cash', amountFen: 6800, receivedFen: 10000 }] } });
  });

  it('caps a cash voucher at its face value and the rest is paid by wallet', () => {
    const s = settle(6800, [{ kind: 'wechat', amountFen: 1800, reference: 'WX1' }, voucher('r1', 5000)], ctx);
    expect(s).toMatchObject({ ok: true, value: { changeFen: 0, tenders: [{ kind: 'voucher', amountFen: 5000 }, { kind: 'wechat', amountFen: 1800 }] } });
  });

  it('takes several vouchers on one bill and caps the last one at what is left', () => {
    const s = settle(6800, [voucher('r1', 5000), voucher('r2', 5000)], ctx);
    expect(s).toMatchObject({ ok: true, value: { tenders: [{ amountFen: 5000 }, { amountFen: 1800 }], changeFen: 0 } });
  });

  it('refuses an overpaid voucher, a bill under the minimum spend, an overpaying card, a short payment', () => {
    expect(settle(6800, [voucher('r1', 5000, 0, 5001)], ctx)).toMatchObject({ ok: false, code: 'VOUCHER_TENDER_EXCEEDS' });
    expect(settle(6800, [voucher('r1', 5000, 10000)], ctx)).toMatchObject({ ok: false, code: 'MIN_SPEND_NOT_MET' });
    expect(settle(3000, [voucher('r1', 5000, 0, 4000)], ctx)).toMatchObject({ ok: false, code: 'OVERPAID_NON_CASH' });
    expect(settle(6800, [{ kind: 'card', amountFen: 6900, reference: 'C1' }], ctx)).toMatchObject({ ok: false, code: 'OVERPAID_NON_CASH' });
    expect(settle(6800, [{ kind: 'cash', receivedFen: 5000 }], ctx)).toMatchObject({ ok: false, code: 'PAYMENT_SHORT' });
    expect(settle(6800, [], ctx)).toMatchObject({ ok: false, code: 'PAYMENT_SHORT' });
    expect(settle(6800, [{ kind: 'alipay', amountFen: 100, reference: ' ' }], ctx)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });

  it('spends points within the balance and only with a member', () => {
    expect(settle(6800, [{ kind: 'points', points: 300 }, { kind: 'cash', receivedFen: 6500 }], ctx)).toMatchObject({ ok: true, value: { changeFen: 0 } });
    expect(settle(6800, [{ kind: 'points', points: 501 }], ctx)).toMatchObject({ ok: false, code: 'POINTS_INSUFFICIENT' });
    expect(settle(6800, [{ kind: 'points', points: 1 }], { ...ctx, pointsBalance: null })).toMatchObject({ ok: false, code: 'POINTS_NEED_MEMBER' });
  });

  it('refuses fractional points, points worth more than is left, and points where the merchant takes none', () => {
    expect(settle(6800, [{ kind: 'points', points: 2.5 }], ctx)).toMatchObject({ ok: false, code: 'POINTS_NOT_WHOLE' });
    expect(settle(6800, [{ kind: 'points', points: 0 }], ctx)).toMatchObject({ ok: false, code: 'POINTS_NOT_WHOLE' });
    expect(settle(6800, [{ kind: 'points', points: -5 }], ctx)).toMatchObject({ ok: false, code: 'POINTS_NOT_WHOLE' });
    expect(settle(300, [{ kind: 'points', points: 301 }], ctx)).toMatchObject({ ok: false, code: 'POINTS_EXCEED_DUE' });
    expect(settle(6800, [voucher('r1', 6600), { kind: 'points', points: 201 }], ctx)).toMatchObject({ ok: false, code: 'POINTS_EXCEED_DUE' });
    expect(settle(6800, [{ kind: 'points', points: 10 }], { ...ctx, pointsRule: { earnFenPerPoint: 100, redeemFenPerPoint: 0 } })).toMatchObject({
      ok: false,
      code: 'POINTS_NOT_ACCEPTED',
    });
  });

  it('values points at the merchant rate and spends at most what pays what is left', () => {
    const rule = { earnFenPerPoint: 50, redeemFenPerPoint: 10 };
    expect(pointsMost(1555, 1000, rule)).toBe(155);
    expect(pointsMost(1555, 42, rule)).toBe(42);
    expect(pointsMost(1555, 42, { ...rule, redeemFenPerPoint: 0 })).toBe(0);
    const s = settle(1555, [{ kind: 'points', points: 155 }, { kind: 'cash', receivedFen: 100 }], { pointsRule: rule, pointsBalance: 1000 });
    expect(s).toMatchObject({ ok: true, value: { changeFen: 95, tenders: [{ kind: 'points', amountFen: 1550, points: 155 }, { kind: 'cash', amountFen: 5 }] } });
    expect(s.ok && pointsEarned(moneyPaidFen(s.value.tenders), rule)).toBe(0);
  });

  it('earns points on money only', () => {
    const s = settle(6800, [voucher('r1', 5000), { kind: 'cash', receivedFen: 2000 }], ctx);
    expect(s.ok && pointsEarned(moneyPaidFen(s.value.tenders), ctx.pointsRule)).toBe(18);
  });

  it('tenders always sum to the total; change is never negative; all whole fen (property)', () => {
    const payment: fc.Arbitrary<PaymentInput> = fc.oneof(
      fc.integer({ min: 0, max: 30_000 }).map((receivedFen) => ({ kind: 'cash' as const, receivedFen })),
      fc.record({ kind: fc.constantFrom('wechat' as const, 'alipay' as const, 'card' as const), amountFen: fc.integer({ min: 1, max: 20_000 }), reference: fc.constant('REF') }),
      fc.record({ id: fc.uuid(), face: fc.integer({ min: 1, max: 10_000 }), min: fc.integer({ min: 0, max: 20_000 }) }).map((v) => voucher(v.id, v.face, v.min)),
      fc.oneof(fc.integer({ min: -5, max: 600 }), fc.double({ min: 0, max: 600, noNaN: true })).map((points) => ({ kind: 'points' as const, points })),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), fc.array(payment, { maxLength: 6 }), (total, payments) => {
        const s = settle(total, payments, ctx);
        if (!s.ok) return true;
        const sum = s.value.tenders.reduce((a, t) => a + t.amountFen, 0);
        return (
          sum === total &&
          s.value.changeFen >= 0 &&
          s.value.tenders.every((t) => Number.isSafeInteger(t.amountFen) && t.amountFen > 0) &&
          s.value.tenders.filter((t) => t.kind !== 'cash').every((t) => t.receivedFen === null) &&
          s.value.tenders.reduce((a, t) => a + (t.points ?? 0), 0) <= (ctx.pointsBalance ?? 0) &&
          s.value.tenders.every((t) => t.points === null || (Number.isSafeInteger(t.points) && t.points > 0))
        );
      }),
      { numRuns: 500 },
    );
  });
});
