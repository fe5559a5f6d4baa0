import { z } from 'zod';
import { resolveEndBound, resolveStartBound, WindowBound } from '../../../core/campaign-bound';
import { CampaignValidityRules, resolveValidityWindow } from '../../../core/campaign-rules';
import { GroupPriceTier, GroupPricing } from '../../../core/group-price';
import { CampaignKind, MAX_REDEEM_COUNT } from '../../../core/redemption-api';
import type { FieldError } from './field-errors';

/** Everything a merchant sets on a campaign; what the back office validates as a whole. */
export interface CampaignSpec {
  kind: CampaignKind;
  title: string;
  priceFen: number;
  faceValueFen: number;
  /** Cash vouchers only: the bill must reach this. */
  minSpendFen: number | null;
  usesPerVoucher: number;
  /** Null only on campaigns made before the back office (unlimited). */
  totalStock: number | null;
  perBuyerLimit: number | null;
  saleStartsAt: string | null;
  saleEndsAt: string | null;
  validity: CampaignValidityRules;
  storeIds: string[];
  groupPriceTiers: GroupPriceTier[] | null;
  paymentWindowSeconds: number;
}

const MAX_FEN = 100_000_000;

const fields = {
  kind: CampaignKind,
  title: z.string().trim().min(1, 'required').max(60),
  priceFen: z.int('an integer number of fen').min(0).max(MAX_FEN),
  faceValueFen: z.int('an integer number of fen').min(1).max(MAX_FEN),
  minSpendFen: z.int('an integer number of fen').min(0).max(MAX_FEN).nullable(),
  usesPerVoucher: z.int().min(1).max(MAX_REDEEM_COUNT),
  totalStock: z.int().min(1).max(10_000_000),
  perBuyerLimit: z.int().min(1).max(10_000).nullable(),
  saleStartsAt: WindowBound,
  saleEndsAt: WindowBound,
  validity: CampaignValidityRules.refine((r) => r.validFrom !== undefined && r.validUntil !== undefined, {
    message: 'validFrom and validUntil are both required',
  }),
  storeIds: z
    .array(z.uuid('not a store id'))
    .min(1, 'at least one store')
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, 'a store is listed twice'),
  groupPriceTiers: z.array(GroupPriceTier).min(1).max(20).nullable(),
  paymentWindowSeconds: z.int().min(60).max(86_400),
};

export const CreateCampaignRequest = z.strictObject({
  ...fields,
  minSpendFen: fields.minSpendFen.optional(),
  perBuyerLimit: fields.perBuyerLimit.optional(),
  groupPriceTiers: fields.groupPriceTiers.optional(),
  paymentWindowSeconds: fields.paymentWindowSeconds.optional(),
});
export type CreateCampaignRequest = z.infer<typeof CreateCampaignRequest>;

/** Only the fields to change; at least one. */
export const UpdateCampaignRequest = z
  .strictObject(fields)
  .partial()
  .refine((u) => Object.keys(u).length > 0, 'nothing to change');
export type UpdateCampaignRequest = z.infer<typeof UpdateCampaignRequest>;

export function specFromCreate(input: CreateCampaignRequest): CampaignSpec {
  return {
    ...input,
    minSpendFen: input.minSpendFen ?? (input.kind === 'cash' ? 0 : null),
    perBuyerLimit: input.perBuyerLimit ?? null,
    groupPriceTiers: input.groupPriceTiers ?? null,
    paymentWindowSeconds: input.paymentWindowSeconds ?? 900,
  };
}

export function mergeSpec(current: CampaignSpec, change: UpdateCampaignRequest): CampaignSpec {
  const merged = { ...current };
  for (const [key, value] of Object.entries(change)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  if (change.kind === 'product' && change.minSpendFen === undefined) merged.minSpendFen = null;
  if (change.kind === 'cash' && merged.minSpendFen === null) merged.minSpendFen = 0;
  return merged;
}

/** Rules between fields, judged in the merchant's zone. Empty when the campaign is consistent. */
export function crossFieldErrors(spec: CampaignSpec, timeZone: string): FieldError[] {
  const errors: FieldError[] = [];
  if (spec.kind === 'product' && spec.minSpendFen !== null) {
    errors.push({ field: 'minSpendFen', message: 'only cash vouchers have a minimum spend' });
  }
  const validity = resolveValidityWindow(spec.validity, timeZone);
  if (validity.from && validity.until && validity.from >= validity.until) {
    errors.push({ field: 'validity.validUntil', message: 'the validity must end after it starts' });
  }
  if (spec.saleStartsAt && spec.saleEndsAt) {
    const saleStart = resolveStartBound(spec.saleStartsAt, timeZone);
    const saleEnd = resolveEndBound(spec.saleEndsAt, timeZone);
    if (saleStart >= saleEnd) errors.push({ field: 'saleEndsAt', message: 'the sale must end after it starts' });
    else if (validity.until && saleEnd > validity.until) {
      errors.push({ field: 'saleEndsAt', message: 'the sale must end by the time the vouchers expire' });
    }
  }
  if (spec.groupPriceTiers) {
    const pricing = GroupPricing.safeParse({ listPriceFen: spec.priceFen, tiers: spec.groupPriceTiers });
    if (!pricing.success) {
      for (const issue of pricing.error.issues) {
        const path = issue.path.map(String);
        const field = path[0] === 'tiers' ? ['groupPriceTiers', ...path.slice(1)].join('.') : 'priceFen';
        errors.push({ field, message: issue.message });
      }
    }
  }
  return errors;
}
