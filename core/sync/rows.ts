import { z } from 'zod';
import { CampaignKind, RedemptionRecord, VoucherStatus } from '../redemption-api';
import { ManagerPinRow } from './manager-pin';

/** What a terminal keeps of a voucher to verify it offline. The code is stored, never shown. */
export const VoucherRow = z.object({
  voucherId: z.string(),
  code: z.string(),
  campaignId: z.string(),
  uses: z.number().int(),
  redeemed: z.number().int(),
  status: VoucherStatus,
  validFrom: z.string(),
  validUntil: z.string(),
  buyerPhoneMasked: z.string().nullable(),
  storeIds: z.array(z.string()),
  /** Server version of the row, increasing with every change. */
  version: z.number().int(),
});
export type VoucherRow = z.infer<typeof VoucherRow>;

/**
 * The right of one store to redeem `uses` of a voucher offline until `expiresAt`. `uses` is what is
 * still unspent of the lease: a terminal allows min(lease.uses, voucher.uses - voucher.redeemed)
 * minus its own unsynced redemptions, so the server lowers it as the store spends it.
 */
export const LeaseRow = z.object({
  leaseId: z.string(),
  voucherId: z.string(),
  storeId: z.string(),
  uses: z.number().int(),
  expiresAt: z.string(),
  revoked: z.boolean(),
});
export type LeaseRow = z.infer<typeof LeaseRow>;

export const CampaignRow = z.object({
  campaignId: z.string(),
  title: z.string(),
  kind: CampaignKind,
  faceValueFen: z.number().int(),
  minSpendFen: z.number().int(),
  /** `core/campaign-rules.ts` rules, evaluated offline in the merchant's zone. */
  rules: z.unknown(),
});
export type CampaignRow = z.infer<typeof CampaignRow>;

export const MerchantKeyRow = z.object({
  kid: z.string(),
  publicKey: z.string(),
  notAfter: z.string().nullable(),
});
export type MerchantKeyRow = z.infer<typeof MerchantKeyRow>;

/** The merchant's offline policy for this store: what a terminal may accept beyond its leases. */
export const StorePolicyRow = z.object({
  storeId: z.string(),
  provisional: z.object({
    enabled: z.boolean(),
    maxCountPerTerminal: z.number().int().min(0),
    maxValueFenPerTerminal: z.number().int().min(0),
    maxOfflineHours: z.number().int().min(0),
    managerPinAboveFen: z.number().int().min(0),
  }),
  reverseWindowMinutes: z.number().int().min(0),
  /** Who may approve with a PIN at this store while offline; absent means nobody can offline. */
  managers: z.array(ManagerPinRow).max(100).optional(),
});
export type StorePolicyRow = z.infer<typeof StorePolicyRow>;

/** A `redemption` change: this store's redemption as the server settled it (a conflict, a reversal). */
export const RedemptionChangeRow = RedemptionRecord;
export type RedemptionChangeRow = RedemptionRecord;
