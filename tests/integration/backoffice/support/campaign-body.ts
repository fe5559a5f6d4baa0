const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A valid campaign body relative to `now`: sale open for a week, vouchers valid for 90 days. */
export function campaignBody(storeIds: string[], now = new Date(), overrides: Record<string, unknown> = {}) {
  return {
    kind: 'product',
    title: '双人套餐 闪购',
    priceFen: 9900,
    faceValueFen: 16800,
    usesPerVoucher: 2,
    totalStock: 100,
    perBuyerLimit: 2,
    saleStartsAt: new Date(now.getTime() - HOUR).toISOString(),
    saleEndsAt: new Date(now.getTime() + 7 * DAY).toISOString(),
    validity: {
      validFrom: new Date(now.getTime() - HOUR).toISOString(),
      validUntil: new Date(now.getTime() + 90 * DAY).toISOString(),
      weekdays: [1, 2, 3, 4, 5],
    },
    storeIds,
    ...overrides,
  };
}

export interface CampaignBody {
  id: string;
  status: string;
  kind: string;
  title: string;
  priceFen: number;
  faceValueFen: number;
  minSpendFen: number | null;
  usesPerVoucher: number;
  totalStock: number | null;
  soldCount: number;
  remainingStock: number | null;
  perBuyerLimit: number | null;
  saleStartsAt: string | null;
  saleEndsAt: string | null;
  validity: Record<string, unknown>;
  validFrom: string;
  validUntil: string;
  groupPriceTiers: { minBuyers: number; priceFen: number }[] | null;
  storeIds: string[];
}

export interface FieldErrorBody {
  error: { code: string; message: string; details?: { fields?: { field: string; message: string }[] } & Record<string, unknown> };
}
