import type { CampaignSpec } from './campaign-spec';

/**
 * What a buyer paid for: once anything is sold these stay as they were. (Stock, stores, sale
 * window, per-buyer limit and title may still change, within their own rules.)
 */
export const LOCKED_AFTER_SALE = [
  'kind',
  'priceFen',
  'faceValueFen',
  'usesPerVoucher',
  'minSpendFen',
  'validity',
  'groupPriceTiers',
] as const satisfies readonly (keyof CampaignSpec)[];

/** JSON with object keys sorted, so two equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** The fields whose value differs between two specs, in spec order. */
export function changedFields(before: CampaignSpec, after: CampaignSpec): (keyof CampaignSpec)[] {
  return (Object.keys(after) as (keyof CampaignSpec)[]).filter((key) => {
    if (key === 'storeIds') return canonical([...before.storeIds].sort()) !== canonical([...after.storeIds].sort());
    return canonical(before[key]) !== canonical(after[key]);
  });
}

export function lockedChanges(changed: readonly (keyof CampaignSpec)[]): (keyof CampaignSpec)[] {
  return changed.filter((key) => (LOCKED_AFTER_SALE as readonly string[]).includes(key));
}
