import type { Fen } from '../money';
import { isFen } from '../money';
import { fail, ok, type Result } from '../result';
import { checkPointsSpend, type PointsRule } from './points-rule';
import type { AppliedTender, CashVoucherTerms, Settlement, TenderKind } from './tender';

/** A payment as entered; a voucher's `amountFen` is optional (absent: as much as its face value covers). */
export type PaymentInput =
  | { kind: 'cash'; receivedFen: Fen }
  | { kind: 'wechat' | 'alipay' | 'card'; amountFen: Fen; reference: string }
  | { kind: 'voucher'; redemptionId: string; terms: CashVoucherTerms; amountFen?: Fen }
  | { kind: 'points'; points: number };

export interface SettleContext {
  pointsRule: PointsRule;
  /** The member's balance; null when no member is on the bill (points cannot be spent). */
  pointsBalance: number | null;
}

/** The order tenders are applied and numbered in (`t1`, `t2` …); a refund names them the same way. */
export const SETTLE_ORDER: Readonly<Record<TenderKind, number>> = { voucher: 0, points: 1, card: 2, wechat: 2, alipay: 2, cash: 3 };

function tender(index: number, partial: Partial<AppliedTender> & Pick<AppliedTender, 'kind' | 'amountFen'>): AppliedTender {
  return { tenderId: `t${index + 1}`, receivedFen: null, reference: null, redemptionId: null, campaignId: null, points: null, ...partial };
}

/**
 * The most a cash voucher may pay on a bill of `totalFen` with `dueFen` still unpaid: its face value
 * or what is left, whichever is less; nothing at all below its minimum spend (checked on the total).
 */
export function voucherMostFen(terms: Pick<CashVoucherTerms, 'faceValueFen' | 'minSpendFen'>, totalFen: Fen, dueFen: Fen): Result<Fen> {
  if (totalFen < terms.minSpendFen) return fail('MIN_SPEND_NOT_MET', `the bill must reach ${terms.minSpendFen} fen for this voucher`);
  return ok(Math.min(terms.faceValueFen, dueFen));
}

/**
 * Applies payments to a bill: vouchers first (each capped by its face value, its minimum spend
 * checked against the bill total), then points, then card and wallets, then cash, which alone gives
 * change. The applied amounts always sum to the total and change is never negative.
 */
export function settle(totalFen: Fen, payments: readonly PaymentInput[], ctx: SettleContext): Result<Settlement> {
  if (!isFen(totalFen) || totalFen < 0) return fail('VALIDATION_FAILED', 'the total must be whole fen, not negative');
  const sorted = [...payments].sort((a, b) => SETTLE_ORDER[a.kind] - SETTLE_ORDER[b.kind]);
  const applied: AppliedTender[] = [];
  let due = totalFen;
  let cashReceived = 0;
  let hasCash = false;
  const redemptions = new Set<string>();
  let pointsSpent = 0;
  for (const p of sorted) {
    if (p.kind === 'voucher') {
      if (redemptions.has(p.redemptionId)) return fail('VALIDATION_FAILED', 'the same voucher redemption is used twice');
      redemptions.add(p.redemptionId);
      const most = voucherMostFen(p.terms, totalFen, due);
      if (!most.ok) return most;
      const wanted = p.amountFen ?? most.value;
      if (!isFen(wanted) || wanted <= 0) return fail('VOUCHER_TENDER_EXCEEDS', 'nothing is left for this voucher to pay');
      if (wanted > p.terms.faceValueFen) return fail('VOUCHER_TENDER_EXCEEDS', `a voucher pays at most its face value (${p.terms.faceValueFen} fen)`);
      if (wanted > due) return fail('OVERPAID_NON_CASH', 'the voucher pays more than is left to pay');
      due -= wanted;
      applied.push(tender(applied.length, { kind: 'voucher', amountFen: wanted, redemptionId: p.redemptionId, campaignId: p.terms.campaignId }));
    } else if (p.kind === 'points') {
      const value = checkPointsSpend(p.points, { balance: ctx.pointsBalance, alreadySpent: pointsSpent, dueFen: due, rule: ctx.pointsRule });
      if (!value.ok) return value;
      pointsSpent += p.points;
      due -= value.value;
      applied.push(tender(applied.length, { kind: 'points', amountFen: value.value, points: p.points }));
    } else if (p.kind === 'cash') {
      if (!isFen(p.receivedFen) || p.receivedFen < 0) return fail('VALIDATION_FAILED', 'cash received must be whole fen, not negative');
      cashReceived += p.receivedFen;
      hasCash = true;
    } else {
      if (!isFen(p.amountFen) || p.amountFen <= 0) return fail('VALIDATION_FAILED', 'a payment must be whole fen above zero');
      if (p.reference.trim() === '') return fail('VALIDATION_FAILED', 'a card or wallet payment needs its reference number');
      if (p.amountFen > due) return fail('OVERPAID_NON_CASH', 'card and wallet payments cannot exceed what is left to pay');
      due -= p.amountFen;
      applied.push(tender(applied.length, { kind: p.kind, amountFen: p.amountFen, reference: p.reference.trim() }));
    }
  }
  if (cashReceived < due) return fail('PAYMENT_SHORT', `${due - cashReceived} fen are still to pay`);
  if (hasCash && due > 0) applied.push(tender(applied.length, { kind: 'cash', amountFen: due, receivedFen: cashReceived }));
  return ok({ totalFen, tenders: applied, changeFen: cashReceived - due });
}

/** Money actually collected (what earns points): everything but vouchers and points. */
export function moneyPaidFen(tenders: readonly AppliedTender[]): Fen {
  return tenders.filter((t) => t.kind !== 'voucher' && t.kind !== 'points').reduce((sum, t) => sum + t.amountFen, 0);
}
