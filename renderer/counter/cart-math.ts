import { fail, ok, type Result } from '../../core/result';
import type { TenderMethod, TenderRecord } from '../db/counter-tables';

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

export type CartError = 'NEGATIVE_QUANTITY' | 'DISCOUNT_INVALID' | 'MIN_SPEND_NOT_MET';

export function lineGross(line: CartLine): number {
  return line.unitPriceFen * line.quantity;
}

export function checkLine(line: CartLine): Result<CartLine, CartError> {
  if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) return fail('NEGATIVE_QUANTITY', `quantity must be a whole number ≥ 1, not ${line.quantity}`);
  if (!Number.isSafeInteger(line.discountFen) || line.discountFen < 0 || line.discountFen > lineGross(line)) {
    return fail('DISCOUNT_INVALID', 'a line discount is between 0 and the line amount');
  }
  return ok(line);
}

/**
 * Totals in integer fen. Each cash voucher pays min(face value, what is still due) and only when
 * the discounted bill reaches its minimum spend; a voucher never makes change.
 */
export function cartTotals(lines: readonly CartLine[], orderDiscountFen: number, vouchers: readonly CashVoucherTender[]): Result<CartTotals, CartError> {
  for (const line of lines) {
    const checked = checkLine(line);
    if (!checked.ok) return checked;
  }
  const subtotalFen = lines.reduce((sum, l) => sum + lineGross(l), 0);
  const lineDiscountFen = lines.reduce((sum, l) => sum + l.discountFen, 0);
  const afterLines = subtotalFen - lineDiscountFen;
  if (!Number.isSafeInteger(orderDiscountFen) || orderDiscountFen < 0 || orderDiscountFen > afterLines) {
    return fail('DISCOUNT_INVALID', 'an order discount is between 0 and the bill after line discounts');
  }
  const dueFen = afterLines - orderDiscountFen;
  let left = dueFen;
  const voucherAmounts: number[] = [];
  for (const v of vouchers) {
    if (dueFen < v.minSpendFen) return fail('MIN_SPEND_NOT_MET', `this voucher needs a bill of at least ${v.minSpendFen} fen`);
    const amount = Math.min(v.faceValueFen, left);
    voucherAmounts.push(amount);
    left -= amount;
  }
  const voucherFen = dueFen - left;
  return ok({ subtotalFen, lineDiscountFen, orderDiscountFen, dueFen, voucherAmounts, voucherFen, toPayFen: left });
}

export interface Settlement {
  /** The tenders as stored: cash reduced by the change, so they sum to what was to pay. */
  tenders: TenderRecord[];
  changeFen: number;
}

export type PaymentError = 'OVERPAID_NON_CASH' | 'PAYMENT_SHORT' | 'VALIDATION_FAILED';

const NON_CASH: readonly TenderMethod[] = ['wechat', 'alipay', 'card', 'points'];

/**
 * Settles split tender: non-cash tenders may not pay more than is due (nothing gives change for a
 * card), cash may, and its excess is the change. Stored tenders always sum to `toPayFen`.
 */
export function settle(toPayFen: number, offered: readonly TenderRecord[]): Result<Settlement, PaymentError> {
  if (offered.some((t) => !Number.isSafeInteger(t.amountFen) || t.amountFen <= 0)) return fail('VALIDATION_FAILED', 'every tender is a positive amount');
  const nonCash = offered.filter((t) => NON_CASH.includes(t.method)).reduce((s, t) => s + t.amountFen, 0);
  if (nonCash > toPayFen) return fail('OVERPAID_NON_CASH', 'wallet, card and points tenders cannot pay more than is due');
  const cash = offered.filter((t) => t.method === 'cash').reduce((s, t) => s + t.amountFen, 0);
  if (nonCash + cash < toPayFen) return fail('PAYMENT_SHORT', `${toPayFen - nonCash - cash} fen still to pay`);
  const changeFen = nonCash + cash - toPayFen;
  let cashToKeep = cash - changeFen;
  const tenders: TenderRecord[] = [];
  for (const t of offered) {
    if (t.method !== 'cash') tenders.push({ ...t });
    else if (cashToKeep > 0) {
      const kept = Math.min(t.amountFen, cashToKeep);
      cashToKeep -= kept;
      tenders.push({ ...t, amountFen: kept });
    }
  }
  return ok({ tenders, changeFen });
}
