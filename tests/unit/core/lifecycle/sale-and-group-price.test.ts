import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupPricing, nextGroupPriceTier, settleGroupPrice } from '../../../../core/group-price';
import { checkSaleWindow, SaleWindow } from '../../../../core/sale-window';

const SH = 'Asia/Shanghai';

describe('sale window', () => {
  const window = SaleWindow.parse({ saleStartsAt: '2026-11-25T10:00:00+08:00', saleEndsAt: '2026-11-30' });

  it('opens at the start instant and closes after the end date', () => {
    expect(checkSaleWindow(window, new Date('2026-11-25T01:59:59Z'), SH)).toMatchObject({ ok: false, code: 'SALE_NOT_STARTED' });
    expect(checkSaleWindow(window, new Date('2026-11-25T02:00:00Z'), SH).ok).toBe(true);
    expect(checkSaleWindow(window, new Date('2026-11-30T15:59:59Z'), SH).ok).toBe(true);
    const ended = checkSaleWindow(window, new Date('2026-11-30T16:00:00Z'), SH);
    expect(ended).toMatchObject({ ok: false, code: 'SALE_ENDED' });
  });

  it('rejects bounds that are neither dates nor instants with offset', () => {
    expect(SaleWindow.safeParse({ saleStartsAt: 'tomorrow', saleEndsAt: '2026-11-30' }).success).toBe(false);
    expect(SaleWindow.safeParse({ saleStartsAt: '2026-11-25T10:00:00', saleEndsAt: '2026-11-30' }).success).toBe(false);
  });
});

describe('tiered group price', () => {
  const pricing = GroupPricing.parse({
    listPriceFen: 6900,
    tiers: [
      { minBuyers: 100, priceFen: 6000 },
      { minBuyers: 200, priceFen: 5000 },
    ],
  });

  it('settles at the highest tier reached', () => {
    expect(settleGroupPrice(pricing, 0)).toEqual({ priceFen: 6900, tier: null, refundPerBuyerFen: 0 });
    expect(settleGroupPrice(pricing, 99).priceFen).toBe(6900);
    expect(settleGroupPrice(pricing, 100)).toEqual({ priceFen: 6000, tier: { minBuyers: 100, priceFen: 6000 }, refundPerBuyerFen: 900 });
    expect(settleGroupPrice(pricing, 199).priceFen).toBe(6000);
    expect(settleGroupPrice(pricing, 200).priceFen).toBe(5000);
    expect(settleGroupPrice(pricing, 50_000).refundPerBuyerFen).toBe(1900);
    expect(() => settleGroupPrice(pricing, -1)).toThrow(RangeError);
    expect(() => settleGroupPrice(pricing, 1.5)).toThrow(RangeError);
  });

  it('says how far the next tier is', () => {
    expect(nextGroupPriceTier(pricing, 40)).toEqual({ tier: { minBuyers: 100, priceFen: 6000 }, buyersNeeded: 60 });
    expect(nextGroupPriceTier(pricing, 150)).toEqual({ tier: { minBuyers: 200, priceFen: 5000 }, buyersNeeded: 50 });
    expect(nextGroupPriceTier(pricing, 200)).toBeNull();
  });

  it.each([
    { listPriceFen: 6900, tiers: [] },
    { listPriceFen: 6900, tiers: [{ minBuyers: 200, priceFen: 5000 }, { minBuyers: 100, priceFen: 4000 }] },
    { listPriceFen: 6900, tiers: [{ minBuyers: 100, priceFen: 5000 }, { minBuyers: 200, priceFen: 5000 }] },
    { listPriceFen: 6900, tiers: [{ minBuyers: 100, priceFen: 6900 }] },
    { listPriceFen: 6900, tiers: [{ minBuyers: 100, priceFen: 59.5 }] },
    { listPriceFen: 6900, tiers: [{ minBuyers: 100.5, priceFen: 5000 }] },
    { listPriceFen: 6900, tiers: [{ minBuyers: 100, priceFen: -1 }] },
  ])('rejects %j', (input) => {
    expect(GroupPricing.safeParse(input).success).toBe(false);
  });

  it('never raises the price as buyers join (property)', () => {
    const tiers = fc
      .uniqueArray(fc.integer({ min: 2, max: 10_000 }), { minLength: 1, maxLength: 6 })
      .map((counts) => counts.sort((a, b) => a - b).map((minBuyers, i) => ({ minBuyers, priceFen: 10_000 - (i + 1) * 500 })));
    fc.assert(
      fc.property(tiers, fc.integer({ min: 0, max: 12_000 }), (t, buyers) => {
        const p = GroupPricing.parse({ listPriceFen: 10_000, tiers: t });
        const now = settleGroupPrice(p, buyers);
        expect(settleGroupPrice(p, buyers + 1).priceFen).toBeLessThanOrEqual(now.priceFen);
        expect(Number.isInteger(now.priceFen) && now.priceFen + now.refundPerBuyerFen).toBe(10_000);
      }),
    );
  });
});
