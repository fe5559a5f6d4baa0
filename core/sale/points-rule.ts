import type { Fen } from '../money';

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
