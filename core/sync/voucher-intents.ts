import { z } from 'zod';
import { MAX_REDEEM_COUNT } from '../redemption-api';

/** How an offline redemption was allowed at the counter. */
export const OfflineBasis = z.enum(['lease', 'provisional']);
export type OfflineBasis = z.infer<typeof OfflineBasis>;

export const ManagerApproval = z.object({
  managerId: z.string().min(1).max(64),
  approvedAt: z.iso.datetime({ offset: true }),
});

/** `voucher.redeem@1`: a redemption made while the server could not be reached. */
export const VoucherRedeemV1 = z.object({
  redemptionId: z.uuid(),
  /** The typed or scanned 12-digit code, or empty when only a signed QR token was read. */
  code: z.string().regex(/^\d{12}$/).optional(),
  qrToken: z.string().max(512).optional(),
  count: z.number().int().min(1).max(MAX_REDEEM_COUNT),
  cashierId: z.string().min(1).max(64).nullable(),
  basis: OfflineBasis,
  leaseId: z.string().max(64).nullable(),
  approval: ManagerApproval.nullable(),
}).refine((a) => a.code !== undefined || a.qrToken !== undefined, { message: 'code or qrToken is required' });
export type VoucherRedeemV1 = z.infer<typeof VoucherRedeemV1>;

/** `voucher.reverse@1`: undo a redemption (online or offline) within the merchant's window. */
export const VoucherReverseV1 = z.object({
  reversalId: z.uuid(),
  redemptionId: z.uuid(),
  reason: z.string().min(1).max(200),
  approval: ManagerApproval,
});
export type VoucherReverseV1 = z.infer<typeof VoucherReverseV1>;
