import type { ErrorCode } from '../../core/errors';
import { fail, ok, type Result } from '../../core/result';
import type { CartLine } from '../../core/sale/cart-line';
import type { SaleCreateV1 } from '../../core/sale/sale-intents';
import type { PaymentInput } from '../../core/sale/settle';
import type { RedeemedOnBill } from './sale-vouchers';

export function cartLinesOf(args: SaleCreateV1): CartLine[] {
  return args.lines.map((l) => ({ ...l, voucherRedemptionId: l.voucherRedemptionId?.toLowerCase() ?? null }));
}

/** Every voucher on the bill is used exactly once: a product voucher by one line, a cash voucher by one payment. */
export function checkVoucherUse(args: SaleCreateV1): Result<true, ErrorCode> {
  const used = [
    ...args.lines.filter((l) => l.voucherRedemptionId !== null).map((l) => ['product', l.voucherRedemptionId!.toLowerCase()] as const),
    ...args.payments.flatMap((p) => (p.kind === 'voucher' ? [['tender', p.redemptionId.toLowerCase()] as const] : [])),
  ];
  const declared = args.vouchers.map((v) => [v.use, v.redemption.redemptionId.toLowerCase()] as const);
  const key = (pair: readonly [string, string]) => pair.join(':');
  const a = used.map(key).sort();
  const b = declared.map(key).sort();
  if (new Set(b).size !== b.length || a.length !== b.length || a.some((x, i) => x !== b[i])) {
    return fail('VALIDATION_FAILED', 'each voucher on the bill must be used once: a product voucher by a line, a cash voucher by a payment');
  }
  return ok(true);
}

export function paymentInputs(args: SaleCreateV1, redeemed: readonly RedeemedOnBill[]): PaymentInput[] {
  return args.payments.map((p): PaymentInput => {
    if (p.kind !== 'voucher') return p;
    const id = p.redemptionId.toLowerCase();
    const v = redeemed.find((r) => r.redemptionId === id);
    if (!v) throw new Error(`voucher ${id} was checked but not redeemed`);
    return { kind: 'voucher', redemptionId: id, terms: v.terms, amountFen: p.amountFen };
  });
}
