import { fail, ok, type Result } from '../../core/result';
import { checkPointsSpend, pointsMost, pointsValueFen, type PointsRule } from '../../core/sale/points-rule';
import type { TenderRecord } from '../db/counter-tables';

/** What the payment dialog offers a member: the balance, its worth, and the most this bill can take. */
export interface PointsOffer {
  balance: number;
  balanceFen: number;
  /** What points may pay: the bill less the card and wallet payments already on it. */
  dueFen: number;
  most: number;
  mostFen: number;
}

/** Points may pay what card and wallets leave; cash comes last and gives change, so it never limits them. */
function pointsDueFen(toPayFen: number, tenders: readonly TenderRecord[]): number {
  return toPayFen - tenders.filter((t) => t.method !== 'cash' && t.method !== 'points').reduce((s, t) => s + t.amountFen, 0);
}

/** Null when no member is on the bill or the merchant takes no points. */
export function pointsOffer(balance: number | null, rule: PointsRule, toPayFen: number, tenders: readonly TenderRecord[]): PointsOffer | null {
  if (balance === null || rule.redeemFenPerPoint <= 0) return null;
  const dueFen = Math.max(0, pointsDueFen(toPayFen, tenders));
  const most = pointsMost(dueFen, balance, rule);
  return { balance, balanceFen: pointsValueFen(Math.max(0, balance), rule), dueFen, most, mostFen: pointsValueFen(most, rule) };
}

/**
 * The bill's points tender from what the cashier typed (it replaces any earlier one): whole points
 * only, within the balance and what is left to pay, by the same rule the sale and the server apply.
 */
export function pointsTender(typed: string, balance: number | null, rule: PointsRule, toPayFen: number, tenders: readonly TenderRecord[]): Result<TenderRecord> {
  const text = typed.trim();
  if (!/^\d+$/.test(text)) return fail('POINTS_NOT_WHOLE', `not a whole number of points: "${typed}"`);
  const points = Number(text);
  const value = checkPointsSpend(points, { balance, alreadySpent: 0, dueFen: pointsDueFen(toPayFen, tenders), rule });
  if (!value.ok) return value;
  return ok({ method: 'points', amountFen: value.value, reference: null, points });
}
