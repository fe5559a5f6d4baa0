import type { ErrorCode } from '../../core/errors';
import { fail, ok, type Result } from '../../core/result';
import type { CartLine as SaleLine } from '../../core/sale/cart-line';
import { moneyPaidFen, settle as settleSale, voucherMostFen, type PaymentInput, type SettleContext } from '../../core/sale/settle';
import { computeTotals } from '../../core/sale/totals';
import type { TenderMethod, TenderRecord } from '../db/counter-tables';
import { tenderPoints } from './member-points';

/** A line in the cart; a `product` voucher's line has a zero unit price and names its redemption. */
export interface CartLine {
  lineId: string;
  itemId: string;
  name: string;
  unitPriceFen: number;
  quantity: number;
  discountFen: number;
  note: string | null;
  voucherRedemptionId: string | null;
}

/** A `cash` voucher applied as a tender: it pays up to its face value once the bill reaches its minimum spend. */
export interface CashVoucherTender {
  redemptionId: string;
  faceValueFen: number;
  minSpendFen: number;
}

export interface CartTotals {
  subtotalFen: number;
  lineDiscountFen: number;
  orderDiscountFen: number;
  /** What the bill comes to after discounts, before any tender. */
  dueFen: number;
  /** Per cash voucher, what it pays, in the order applied. */
  voucherAmounts: number[];
  voucherFen: number;
  /** What is left to pay by cash, wallet, card or points. */
  toPayFen: number;
}

/** The cart line as the shared sale rules (and the server) see it. */
export function toSaleLine(line: CartLine): SaleLine {
  const { lineId, itemId, name, unitPriceFen, quantity, discountFen, voucherRedemptionId, note } = line;
  return { lineId, itemId, name, qty: quantity, unitPriceFen, discountFen, voucherRedemptionId, note };
}

/**
 * Totals by the shared rules (`core/sale`): lines and discounts as `computeTotals`, each cash voucher
 * paying what `voucherMostFen` allows on what is still due, in the order applied. A voucher with
 * nothing left to pay shows 0 here; the checkout refuses it.
 */
export function cartTotals(lines: readonly CartLine[], orderDiscountFen: number, vouchers: readonly CashVoucherTender[]): Result<CartTotals> {
  const totals = computeTotals(lines.map(toSaleLine), orderDiscountFen);
  if (!totals.ok) return totals;
  const dueFen = totals.value.totalFen;
  let left = dueFen;
  const voucherAmounts: number[] = [];
  for (const v of vouchers) {
    const most = voucherMostFen(v, dueFen, left);
    if (!most.ok) return most;
    voucherAmounts.push(most.value);
    left -= most.value;
  }
  const { grossFen: subtotalFen, lineDiscountFen } = totals.value;
  return ok({ subtotalFen, lineDiscountFen, orderDiscountFen, dueFen, voucherAmounts, voucherFen: dueFen - left, toPayFen: left });
}

export interface Settlement {
  /** The tenders as stored: cash reduced by the change, so they sum to what was to pay. */
  tenders: TenderRecord[];
  changeFen: number;
  /** What was paid with money (not vouchers or points): what earns points. */
  moneyPaidFen: number;
}

function paymentInput(t: TenderRecord): PaymentInput {
  if (t.method === 'cash') return { kind: 'cash', receivedFen: t.amountFen };
  if (t.method === 'points') return { kind: 'points', points: tenderPoints(t) };
  return { kind: t.method, amountFen: t.amountFen, reference: t.reference ?? '' };
}

/**
 * Split tender settled by the shared rule (`core/sale/settle`) with the merchant's points rule and
 * the member's balance: card, wallet and points never pay more than is due, points only in whole
 * numbers within the balance, cash alone gives change, and the stored tenders sum to `toPayFen`
 * (one cash tender for all cash handed over, after the others).
 */
export function settle(toPayFen: number, offered: readonly TenderRecord[], ctx: SettleContext): Result<Settlement, ErrorCode> {
  const money = offered.filter((t) => t.method !== 'points');
  if (money.some((t) => !Number.isSafeInteger(t.amountFen) || t.amountFen <= 0)) return fail('VALIDATION_FAILED', 'every tender is a positive amount');
  const settled = settleSale(toPayFen, offered.map(paymentInput), ctx);
  if (!settled.ok) return settled;
  const tenders = settled.value.tenders.flatMap((t): TenderRecord[] => {
    if (t.kind === 'voucher') return [];
    const record: TenderRecord = { method: t.kind satisfies TenderMethod, amountFen: t.amountFen, reference: t.reference };
    return [t.points === null ? record : { ...record, points: t.points }];
  });
  return ok({ tenders, changeFen: settled.value.changeFen, moneyPaidFen: moneyPaidFen(settled.value.tenders) });
}
