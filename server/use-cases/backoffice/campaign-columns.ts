import { resolveEndBound, resolveStartBound } from '../../../core/campaign-bound';
import { resolveValidityWindow } from '../../../core/campaign-rules';
import type { CampaignRecord } from '../../repositories/backoffice/campaign-rows';
import type { CampaignColumns } from '../../repositories/backoffice/campaign-writes';
import type { CampaignSpec } from './campaign-spec';

/** What the stored campaign says, as a spec; bounds missing from old rules come from the columns. */
export function specOf(record: CampaignRecord): CampaignSpec {
  return {
    kind: record.kind,
    title: record.title,
    priceFen: record.priceFen,
    faceValueFen: record.faceValueFen,
    minSpendFen: record.minSpendFen,
    usesPerVoucher: record.usesPerVoucher,
    totalStock: record.totalStock,
    perBuyerLimit: record.perBuyerLimit,
    saleStartsAt: record.saleStartsAt,
    saleEndsAt: record.saleEndsAt,
    validity: { validFrom: record.validFrom, validUntil: record.validUntil, ...record.validity },
    storeIds: record.storeIds,
    groupPriceTiers: record.groupPriceTiers,
    paymentWindowSeconds: record.paymentWindowSeconds,
  };
}

/** Resolves the windows in the merchant's zone: the rules keep what was typed, the columns the instants. */
export function columnsOf(spec: CampaignSpec, timeZone: string): CampaignColumns {
  const window = resolveValidityWindow(spec.validity, timeZone);
  if (!window.from || !window.until) throw new Error('a campaign spec without validity bounds');
  return {
    kind: spec.kind,
    title: spec.title,
    priceFen: spec.priceFen,
    faceValueFen: spec.faceValueFen,
    minSpendFen: spec.minSpendFen,
    usesPerVoucher: spec.usesPerVoucher,
    totalStock: spec.totalStock,
    perBuyerLimit: spec.perBuyerLimit,
    saleStartsAt: spec.saleStartsAt === null ? null : resolveStartBound(spec.saleStartsAt, timeZone).toISOString(),
    saleEndsAt: spec.saleEndsAt === null ? null : resolveEndBound(spec.saleEndsAt, timeZone).toISOString(),
    validityRulesJson: JSON.stringify(spec.validity),
    validFrom: window.from.toISOString(),
    validUntil: window.until.toISOString(),
    groupPriceTiersJson: spec.groupPriceTiers === null ? null : JSON.stringify(spec.groupPriceTiers),
    paymentWindowSeconds: spec.paymentWindowSeconds,
  };
}

/** A campaign as the API answers: the record plus what is left to sell. */
export type CampaignView = CampaignRecord & { remainingStock: number | null };

export function viewOf(record: CampaignRecord): CampaignView {
  return { ...record, remainingStock: record.totalStock === null ? null : Math.max(0, record.totalStock - record.soldCount) };
}
