import type { Fen } from '../money';
import { fail, ok, type Result } from '../result';

/**
 * The merchant's points rule: one point per `earnFenPerPoint` paid with money (not with vouchers or
 * points), and one point is worth `redeemFenPerPoint` when spent as a tender.
 */
export interface PointsRule {
  earnFenPerPoint: number;
  redeemFenPerPoint: number;
}

export const NO_POINTS: PointsRule = { earnFenPerPoint: 0, redeemFenPerPoint: 0 };

export function pointsValueFen(points: number, rule: PointsRule): Fen {
  return points * rule.redeemFenPerPoint;
}

/** Money tenders earn points; a rule with 0 earns none. */
export function pointsEarned(moneyPaidFen: Fen, rule: PointsRule): number {
  if (rule.earnFenPerPoint <= 0 || moneyPaidFen <= 0) return 0;
  return Math.floor(moneyPaidFen / rule.earnFenPerPoint);
}

/** The most whole points that may pay toward `dueFen`: the balance, or what covers the amount due, whichever is less. */
export function pointsMost(dueFen: Fen, balance: number, rule: PointsRule): number {
  if (rule.redeemFenPerPoint <= 0 || dueFen <= 0 || balance <= 0) return 0;
  return Math.min(balance, Math.floor(dueFen / rule.redeemFenPerPoint));
}

export interface PointsSpend {
  /** The member's balance; null when no member is on the bill. */
  balance: number | null;
  /** Points already spent by earlier tenders of the same bill. */
  alreadySpent: number;
  /** What is still to pay when these points are applied. */
  dueFen: Fen;
  rule: PointsRule;
}

/** Checks a points tender and answers what it pays in fen. */
export function checkPointsSpend(points: number, s: PointsSpend): Result<Fen> {
  if (s.balance === null) return fail('POINTS_NEED_MEMBER', 'points can only be spent with a member on the bill');
  if (s.rule.redeemFenPerPoint <= 0) return fail('POINTS_NOT_ACCEPTED', 'this merchant does not take points as payment');
  if (!Number.isSafeInteger(points) || points <= 0) return fail('POINTS_NOT_WHOLE', 'points are spent in whole numbers above zero');
  if (s.alreadySpent + points > s.balance) return fail('POINTS_INSUFFICIENT', `the member has ${s.balance} points`);
  const value = pointsValueFen(points, s.rule);
  if (value > s.dueFen) return fail('POINTS_EXCEED_DUE', 'the points pay more than is left to pay');
  return ok(value);
}
