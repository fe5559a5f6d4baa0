import type { Fen } from '../money';
import { fail, ok, type Result } from '../result';

/** Renminbi notes and coins in circulation, in fen. */
export const CNY_DENOMINATIONS_FEN: readonly Fen[] = [10000, 5000, 2000, 1000, 500, 100, 50, 10];

export interface DenominationCount {
  denominationFen: Fen;
  count: number;
}

export function countedCashFen(counts: readonly DenominationCount[]): Result<Fen> {
  const seen = new Set<Fen>();
  let total = 0;
  for (const c of counts) {
    if (!CNY_DENOMINATIONS_FEN.includes(c.denominationFen)) return fail('CASH_COUNT_INVALID', `${c.denominationFen} fen is not a note or coin`);
    if (seen.has(c.denominationFen)) return fail('CASH_COUNT_INVALID', `${c.denominationFen} fen is counted twice`);
    if (!Number.isSafeInteger(c.count) || c.count < 0 || c.count > 100_000) return fail('CASH_COUNT_INVALID', 'a count must be a whole number from 0');
    seen.add(c.denominationFen);
    total += c.denominationFen * c.count;
  }
  return ok(total);
}
