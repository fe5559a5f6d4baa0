import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCashMove, expectedCashFen } from '../../../../core/shift/cash-move';
import { computeShiftReport } from '../../../../core/shift/shift-report';

const out = (amountFen: number, tillFen: number | null, over: Partial<Parameters<typeof checkCashMove>[0]> = {}) =>
  checkCashMove({ direction: 'out', amountFen, reason: '存银行', approved: true, tillFen, ...over });

describe('cash in and out of the till', () => {
  it('expects float + cash sales − cash refunds + paid in − paid out', () => {
    expect(expectedCashFen({ openingFloatFen: 20000, cashSalesFen: 6800, cashRefundsFen: 1000, cashInFen: 10000, cashOutFen: 5000 })).toBe(30800);
  });

  it('takes whole fen above zero only', () => {
    for (const amountFen of [0, -100, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(checkCashMove({ direction: 'in', amountFen, reason: '', approved: false, tillFen: 0 })).toMatchObject({ ok: false, code: 'CASH_AMOUNT_INVALID' });
      expect(out(amountFen, 1_000_000)).toMatchObject({ ok: false, code: 'CASH_AMOUNT_INVALID' });
    }
  });

  it('pays in without a reason or a manager, whatever the till holds', () => {
    expect(checkCashMove({ direction: 'in', amountFen: 10000, reason: '  ', approved: false, tillFen: 0 })).toEqual({ ok: true, value: { reason: '—' } });
    expect(checkCashMove({ direction: 'in', amountFen: 10000, reason: ' 找零备用金 ', approved: false, tillFen: 0 })).toEqual({ ok: true, value: { reason: '找零备用金' } });
  });

  it('pays out with a reason, a manager, and at most what the till should hold', () => {
    expect(out(5000, 5000)).toEqual({ ok: true, value: { reason: '存银行' } });
    expect(out(5001, 5000)).toMatchObject({ ok: false, code: 'CASH_OUT_EXCEEDS_TILL' });
    expect(out(1, 0)).toMatchObject({ ok: false, code: 'CASH_OUT_EXCEEDS_TILL' });
    expect(out(5000, 9000, { reason: ' ' })).toMatchObject({ ok: false, code: 'CASH_REASON_REQUIRED' });
    expect(out(5000, 9000, { approved: false })).toMatchObject({ ok: false, code: 'MANAGER_APPROVAL_REQUIRED' });
    expect(out(5000, 9000, { reason: 'x'.repeat(201) })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    // Where the till is not known (the server), the terminal's till check stands.
    expect(out(5000, null)).toMatchObject({ ok: true });
  });

  it('never lets accepted moves take the till below zero, and the report expects what the moves left', () => {
    const move = fc.record({ direction: fc.constantFrom('in' as const, 'out' as const), amountFen: fc.integer({ min: -100, max: 50_000 }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.array(move, { maxLength: 30 }), (floatFen, tries) => {
        const accepted: { direction: 'in' | 'out'; amountFen: number }[] = [];
        let till = floatFen;
        for (const m of tries) {
          const checked = checkCashMove({ ...m, reason: '采购', approved: true, tillFen: till });
          if (!checked.ok) continue;
          accepted.push(m);
          till += m.direction === 'in' ? m.amountFen : -m.amountFen;
          expect(till).toBeGreaterThanOrEqual(0);
        }
        const report = computeShiftReport({ openingFloatFen: floatFen, sales: [], refunds: [], cashMoves: accepted });
        expect(report.expectedCashFen).toBe(till);
        expect(report.cashInCount + report.cashOutCount).toBe(accepted.length);
      }),
    );
  });
});
