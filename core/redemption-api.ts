import { z } from 'zod';

/** Wire contract of the online redemption endpoints, shared by server and terminal. */

export const MAX_REDEEM_COUNT = 99;

export const PrepareRequest = z.object({
  code: z.string().min(1).max(64),
});
export type PrepareRequest = z.infer<typeof PrepareRequest>;

export const RedeemRequest = z.object({
  redemptionId: z.uuid(),
  code: z.string().min(1).max(64),
  count: z.number().int().min(1).max(MAX_REDEEM_COUNT),
  cashierId: z.string().min(1).max(64).optional(),
  deviceTime: z.iso.datetime({ offset: true }),
});
export type RedeemRequest = z.infer<typeof RedeemRequest>;

export const CampaignKind = z.enum(['product', 'cash']);
export type CampaignKind = z.infer<typeof CampaignKind>;

export const VoucherStatus = z.enum(['active', 'void', 'exhausted']);
export type VoucherStatus = z.infer<typeof VoucherStatus>;

/** One past use of a voucher, as a cashier asking "when, where, by whom?" needs it. */
export const VoucherUse = z.object({
  /** When it was redeemed (the terminal's clock; for offline uses, when the cashier did it). */
  at: z.string(),
  /** Null where this side does not know the name (offline, another store's). */
  storeName: z.string().nullable(),
  terminalName: z.string().nullable(),
  cashierName: z.string().nullable(),
  count: z.number().int(),
  mode: z.enum(['online', 'offline']),
  reversed: z.boolean(),
});
export type VoucherUse = z.infer<typeof VoucherUse>;

/** At most this many past uses come with a used voucher's preview, newest first. */
export const LAST_USES_SHOWN = 5;

export const VoucherPreview = z.object({
  voucherId: z.string(),
  codeMasked: z.string(),
  campaignId: z.string(),
  campaignTitle: z.string(),
  kind: CampaignKind,
  faceValueFen: z.number().int(),
  uses: z.number().int(),
  redeemed: z.number().int(),
  remaining: z.number().int(),
  status: VoucherStatus,
  validFrom: z.string(),
  validUntil: z.string(),
  buyerPhoneMasked: z.string().nullable(),
  /** Whether it can be redeemed at this terminal's store now; `reason` says why not. */
  redeemable: z.boolean(),
  reason: z.string().nullable(),
  /** A used (or used-up) voucher's last uses, newest first; absent when never used. */
  lastUses: z.array(VoucherUse).max(LAST_USES_SHOWN).optional(),
});
export type VoucherPreview = z.infer<typeof VoucherPreview>;

export const RedemptionRecord = z.object({
  redemptionId: z.string(),
  voucherId: z.string(),
  codeMasked: z.string(),
  campaignTitle: z.string(),
  count: z.number().int(),
  remaining: z.number().int(),
  storeId: z.string(),
  terminalId: z.string(),
  cashierId: z.string().nullable(),
  deviceTime: z.string(),
  serverTime: z.string(),
  mode: z.enum(['online', 'offline']),
  outcome: z.enum(['accepted', 'conflict', 'rejected']),
});
export type RedemptionRecord = z.infer<typeof RedemptionRecord>;

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

