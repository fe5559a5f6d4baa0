import type { Fen } from '../money';
import { isFen } from '../money';
import { fail, ok, type Result } from '../result';
import { checkLine, lineGrossFen, lineNetFen, type CartLine } from './cart-line';

export interface SaleTotals {
  /** Sum of qty × unit price. */
  grossFen: Fen;
  lineDiscountFen: Fen;
  orderDiscountFen: Fen;
  /** What the customer owes: gross − line discounts − order discount. */
  totalFen: Fen;
  /** Each line's share of the total after the order discount, by lineId; sums to `totalFen`. */
  lineNetFen: Map<string, Fen>;
}

/**
 * Totals of a bill. The order discount is spread over the lines in proportion to their net amount
 * (largest remainder), so a later refund by line returns exactly what that line cost.
 */
export function computeTotals(lines: readonly CartLine[], orderDiscountFen: Fen): Result<SaleTotals> {
  const ids = new Set<string>();
  for (const line of lines) {
    const checked = checkLine(line);
    if (!checked.ok) return checked;
    if (ids.has(line.lineId)) return fail('VALIDATION_FAILED', `line ${line.lineId} appears twice`);
    ids.add(line.lineId);
  }
  const grossFen = lines.reduce((sum, line) => sum + lineGrossFen(line), 0);
  const lineDiscountFen = lines.reduce((sum, line) => sum + line.discountFen, 0);
  const netFen = grossFen - lineDiscountFen;
  if (!isFen(orderDiscountFen) || orderDiscountFen < 0 || orderDiscountFen > netFen) {
    return fail('DISCOUNT_INVALID', 'the order discount must be between 0 and the amount after line discounts');
  }
  const shares = spreadProportionally(orderDiscountFen, lines.map((line) => lineNetFen(line)));
  const perLine = new Map<string, Fen>();
  lines.forEach((line, i) => perLine.set(line.lineId, lineNetFen(line) - (shares[i] ?? 0)));
  return ok({ grossFen, lineDiscountFen, orderDiscountFen, totalFen: netFen - orderDiscountFen, lineNetFen: perLine });
}

/** Splits `amount` over `weights` in proportion, in whole fen, largest remainder first; sums exactly. */
export function spreadProportionally(amount: Fen, weights: readonly Fen[]): Fen[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total === 0 || amount === 0) return weights.map(() => 0);
  const products = weights.map((w) => amount * w);
  const floors = products.map((p) => Math.floor(p / total));
  let left = amount - floors.reduce((sum, x) => sum + x, 0);
  const order = products.map((p, i) => ({ i, rest: p % total })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left -= 1;
  }
  return floors;
}
