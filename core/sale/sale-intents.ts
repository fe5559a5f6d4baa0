import { z } from 'zod';
import { ManagerApproval, VoucherRedeemV1 } from '../sync/voucher-intents';

const Fen = z.number().int();

export const SaleLineArgs = z.object({
  lineId: z.string().min(1).max(40),
  itemId: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  /** Checked by the domain (NEGATIVE_QUANTITY), not here, so a bad count gets its own code. */
  qty: z.number(),
  unitPriceFen: Fen.min(0),
  discountFen: Fen.min(0),
  /** Set on a `product` voucher's line (price 0): the redemption in `vouchers` that pays for it. */
  voucherRedemptionId: z.uuid().nullable(),
  note: z.string().max(200).nullable(),
});
export type SaleLineArgs = z.infer<typeof SaleLineArgs>;

/** A voucher used on the bill; `redemption` is exactly a `voucher.redeem@1` argument set. */
export const SaleVoucherArgs = z.object({
  use: z.enum(['product', 'tender']),
  redemption: VoucherRedeemV1,
});
export type SaleVoucherArgs = z.infer<typeof SaleVoucherArgs>;

export const SalePaymentArgs = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cash'), receivedFen: Fen }),
  z.object({ kind: z.enum(['wechat', 'alipay', 'card']), amountFen: Fen, reference: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('voucher'), redemptionId: z.uuid(), amountFen: Fen }),
  /** Whole points checked by the domain (POINTS_NOT_WHOLE), not here, so a fractional point gets its own code. */
  z.object({ kind: z.literal('points'), points: z.number() }),
]);
export type SalePaymentArgs = z.infer<typeof SalePaymentArgs>;

/**
 * `sale.create@1`: a whole sale — lines, the vouchers on it (redeemed in the same server
 * transaction), payments, member and shift. `totalFen`/`changeFen` are the terminal's figures; the
 * server recomputes them and refuses the sale when they differ (TENDER_MISMATCH).
 */
export const SaleCreateV1 = z.object({
  saleId: z.uuid(),
  shiftId: z.uuid().nullable(),
  cashierId: z.string().min(1).max(64).nullable(),
  memberId: z.uuid().nullable(),
  orderType: z.enum(['dine_in', 'take_away']),
  tableNo: z.string().max(20).nullable(),
  note: z.string().max(200).nullable(),
  lines: z.array(SaleLineArgs).min(1).max(500),
  orderDiscountFen: Fen.min(0),
  /** Required when line + order discounts exceed the merchant's threshold. */
  discountApproval: ManagerApproval.nullable(),
  vouchers: z.array(SaleVoucherArgs).max(20),
  payments: z.array(SalePaymentArgs).max(20),
  totalFen: Fen,
  changeFen: Fen,
});
export type SaleCreateV1 = z.infer<typeof SaleCreateV1>;

/** `sale.refund@1`: refund or void (whole) a sale, or some of its lines; always a manager's approval. */
export const SaleRefundV1 = z.object({
  refundId: z.uuid(),
  saleId: z.uuid(),
  whole: z.boolean(),
  lines: z.array(z.object({ lineId: z.string().min(1).max(40), qty: z.number() })).max(500),
  reason: z.string().min(1).max(200),
  cashierId: z.string().min(1).max(64).nullable(),
  approval: ManagerApproval,
});
export type SaleRefundV1 = z.infer<typeof SaleRefundV1>;

/** The stored result of an applied `sale.create@1`. */
export const SaleCreateResult = z.object({
  saleId: z.string(),
  totalFen: Fen,
  changeFen: Fen,
  /** The member the sale landed on (a merged member's surviving id), and the points it earned. */
  memberId: z.string().nullable(),
  pointsEarned: z.number().int(),
  redemptionIds: z.array(z.string()),
});
export type SaleCreateResult = z.infer<typeof SaleCreateResult>;

export const SaleRefundResult = z.object({
  refundId: z.string(),
  amountFen: Fen,
  tenders: z.array(z.object({ tenderId: z.string(), kind: z.string(), amountFen: Fen })),
  pointsReversed: z.number().int(),
  restoredRedemptionIds: z.array(z.string()),
});
export type SaleRefundResult = z.infer<typeof SaleRefundResult>;
