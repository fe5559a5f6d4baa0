import { z } from 'zod';

/** One step of a group-buying price: from `minBuyers` buyers on, everyone pays `priceFen`. */
export const GroupPriceTier = z.object({
  minBuyers: z.int().min(2).max(10_000_000),
  priceFen: z.int().min(0),
});
export type GroupPriceTier = z.infer<typeof GroupPriceTier>;

/**
 * The list price every buyer pays at checkout plus the tiers that lower it once the sale ends with
 * enough buyers. Tiers ascend by buyers and descend by price, all below the list price.
 */
export const GroupPricing = z
  .object({
    listPriceFen: z.int().min(1),
    tiers: z.array(GroupPriceTier).min(1).max(20),
  })
  .superRefine((pricing, ctx) => {
    let previous: GroupPriceTier = { minBuyers: 1, priceFen: pricing.listPriceFen };
    pricing.tiers.forEach((tier, index) => {
      if (tier.minBuyers <= previous.minBuyers) {
        ctx.addIssue({ code: 'custom', path: ['tiers', index, 'minBuyers'], message: 'tiers must ascend by minBuyers' });
      }
      if (tier.priceFen >= previous.priceFen) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', index, 'priceFen'],
          message: 'each tier must be cheaper than the one before (and than the list price)',
        });
      }
      previous = tier;
    });
  });
export type GroupPricing = z.infer<typeof GroupPricing>;

export interface GroupPriceSettlement {
  /** What each buyer finally pays. */
  readonly priceFen: number;
  /** The tier reached, or null when the list price stands. */
  readonly tier: GroupPriceTier | null;
  /** What each buyer gets back from the list price paid at checkout. */
  readonly refundPerBuyerFen: number;
}

/** The settled price for `buyerCount` buyers at the end of the sale. */
export function settleGroupPrice(pricing: GroupPricing, buyerCount: number): GroupPriceSettlement {
  if (!Number.isSafeInteger(buyerCount) || buyerCount < 0) {
    throw new RangeError(`not a buyer count: ${buyerCount}`);
  }
  let reached: GroupPriceTier | null = null;
  for (const tier of pricing.tiers) {
    if (buyerCount >= tier.minBuyers) reached = tier;
  }
  const priceFen = reached ? reached.priceFen : pricing.listPriceFen;
  return { priceFen, tier: reached, refundPerBuyerFen: pricing.listPriceFen - priceFen };
}

/** The next tier still to reach and how many more buyers it needs; null once the last is reached. */
export function nextGroupPriceTier(
  pricing: GroupPricing,
  buyerCount: number,
): { tier: GroupPriceTier; buyersNeeded: number } | null {
  const tier = pricing.tiers.find((t) => t.minBuyers > buyerCount);
  return tier ? { tier, buyersNeeded: tier.minBuyers - buyerCount } : null;
}
