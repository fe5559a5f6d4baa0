import type { ErrorCode } from '../errors';
import type { Fen } from '../money';
import { fail, ok, type Result } from '../result';

export type CashDirection = 'in' | 'out';

export interface TillParts {
  openingFloatFen: Fen;
  cashSalesFen: Fen;
  cashRefundsFen: Fen;
  cashInFen: Fen;
  cashOutFen: Fen;
}

/** What the till should hold: float + cash taken − cash refunded + paid in − paid out. */
export function expectedCashFen(t: TillParts): Fen {
  return t.openingFloatFen + t.cashSalesFen - t.cashRefundsFen + t.cashInFen - t.cashOutFen;
}

export const CASH_REASON_MAX = 200;

/** What a pay-in without a reason is recorded with (a move always carries one). */
export const NO_REASON = '—';

export interface CashMoveCheck {
  direction: CashDirection;
  amountFen: number;
  reason: string;
  /** A manager approved it (a pay-out needs one). */
  approved: boolean;
  /** The cash the till should hold right now (`expectedCashFen`); null where the till is not known. */
  tillFen: Fen | null;
}

/**
 * The rule for paying cash in or out during a shift: a whole number of fen above zero; a pay-out
 * says why, is approved by a manager, and takes at most what the till should hold — the till
 * never goes below zero on paper. Answers the reason to record.
 */
export function checkCashMove(m: CashMoveCheck): Result<{ reason: string }, ErrorCode> {
  if (!Number.isSafeInteger(m.amountFen) || m.amountFen <= 0) return fail('CASH_AMOUNT_INVALID', 'the amount is a whole number of fen above zero');
  const reason = m.reason.trim();
  if (reason.length > CASH_REASON_MAX) return fail('VALIDATION_FAILED', `a reason has at most ${CASH_REASON_MAX} characters`);
  if (m.direction === 'in') return ok({ reason: reason || NO_REASON });
  if (reason === '') return fail('CASH_REASON_REQUIRED', 'a pay-out needs a reason');
  if (!m.approved) return fail('MANAGER_APPROVAL_REQUIRED', 'a pay-out needs a manager');
  if (m.tillFen !== null && m.amountFen > m.tillFen) return fail('CASH_OUT_EXCEEDS_TILL', `the till should hold ${m.tillFen} fen, less than ${m.amountFen}`);
  return ok({ reason });
}
