import type { Fen } from '../money';
import { isFen } from '../money';
import { fail, ok, type Result } from '../result';

/** One line of a bill. A `product` voucher's line has `voucherRedemptionId` set and a zero price. */
export interface CartLine {
  lineId: string;
  itemId: string;
  name: string;
  qty: number;
  unitPriceFen: Fen;
  /** Discount on the whole line, 0 ≤ discount ≤ qty × unit price. */
  discountFen: Fen;
  voucherRedemptionId: string | null;
  note: string | null;
}

export const MAX_LINE_QTY = 9999;
/** ￥1,000,000: keeps every bill far inside exact integer arithmetic. */
export const MAX_UNIT_PRICE_FEN = 100_000_000;

export function lineGrossFen(line: CartLine): Fen {
  return line.qty * line.unitPriceFen;
}

export function lineNetFen(line: CartLine): Fen {
  return lineGrossFen(line) - line.discountFen;
}

export function checkLine(line: CartLine): Result<CartLine> {
  if (!Number.isSafeInteger(line.qty) || line.qty <= 0 || line.qty > MAX_LINE_QTY) {
    return fail('NEGATIVE_QUANTITY', `line ${line.lineId}: quantity must be a whole number from 1 to ${MAX_LINE_QTY}`);
  }
  if (!isFen(line.unitPriceFen) || line.unitPriceFen < 0 || line.unitPriceFen > MAX_UNIT_PRICE_FEN) {
    return fail('VALIDATION_FAILED', `line ${line.lineId}: the unit price must be whole fen, not negative`);
  }
  if (line.voucherRedemptionId !== null && line.unitPriceFen !== 0) {
    return fail('VOUCHER_KIND_MISMATCH', `line ${line.lineId}: a voucher's item is sold at zero price`);
  }
  if (!isFen(line.discountFen) || line.discountFen < 0 || line.discountFen > lineGrossFen(line)) {
    return fail('DISCOUNT_INVALID', `line ${line.lineId}: the discount must be between 0 and the line amount`);
  }
  return ok(line);
}
