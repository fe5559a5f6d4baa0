import type { CampaignInput } from '../repositories/merchant-setup';

/** The demo merchant a newcomer can try at once; names match what the POS shows in Chinese. */
/** `code`: the sign-in code typed with each back-office login. */
export const DEMO_MERCHANT = { name: '微美食', code: 'demo', timeZone: 'Asia/Shanghai' };
export const DEMO_STORES = { guomao: '国贸店', sanlitun: '三里屯店' } as const;
export const DEMO_TERMINALS = [
  { store: DEMO_STORES.guomao, name: '国贸店 收银台 1' },
  { store: DEMO_STORES.guomao, name: '国贸店 收银台 2' },
  { store: DEMO_STORES.sanlitun, name: '三里屯店 收银台 1' },
] as const;

export const DEMO_VOUCHERS_PER_CAMPAIGN = 5;
export const DEMO_PAIRING_TTL_MS = 24 * 60 * 60_000;

const DAY = 24 * 60 * 60_000;

type DemoCampaign = Omit<CampaignInput, 'storeIds'> & { stores: readonly string[] };

export function demoCampaigns(now: Date): DemoCampaign[] {
  const validFrom = new Date(now.getTime() - DAY);
  const validUntil = new Date(now.getTime() + 90 * DAY);
  return [
    {
      kind: 'product',
      title: '微美食 双人套餐 闪购券',
      priceFen: 9900,
      faceValueFen: 16800,
      usesPerVoucher: 2,
      validFrom,
      validUntil,
      stores: [DEMO_STORES.guomao, DEMO_STORES.sanlitun],
    },
    {
      kind: 'cash',
      title: '微美食 50元代金券',
      priceFen: 5000,
      faceValueFen: 5000,
      usesPerVoucher: 1,
      validFrom,
      validUntil,
      stores: [DEMO_STORES.guomao],
    },
  ];
}

/** Plausible mainland mobile numbers from the 138 test range, distinct per voucher. */
export function demoPhones(count: number, offset: number): string[] {
  return Array.from({ length: count }, (_, i) => `1380013${String(8000 + offset + i).padStart(4, '0')}`);
}
