import { z } from 'zod';
import { adminRequest } from './client';

const HourWindow = z.object({ from: z.string(), to: z.string() });
export const ValiditySchema = z.object({
  validFrom: z.string().optional(),
  validUntil: z.string().optional(),
  weekdays: z.array(z.number()).optional(),
  hourWindows: z.array(HourWindow).optional(),
  blackoutDates: z.array(z.string()).optional(),
});
export type Validity = z.infer<typeof ValiditySchema>;

export const CampaignSchema = z.object({
  id: z.string(),
  status: z.string(),
  kind: z.enum(['product', 'cash']),
  title: z.string(),
  priceFen: z.number(),
  faceValueFen: z.number(),
  minSpendFen: z.number().nullable(),
  usesPerVoucher: z.number(),
  totalStock: z.number().nullable(),
  soldCount: z.number(),
  remainingStock: z.number().nullable(),
  perBuyerLimit: z.number().nullable(),
  saleStartsAt: z.string().nullable(),
  saleEndsAt: z.string().nullable(),
  validity: ValiditySchema,
  validFrom: z.string(),
  validUntil: z.string(),
  groupPriceTiers: z.array(z.object({ minBuyers: z.number(), priceFen: z.number() })).nullable(),
  paymentWindowSeconds: z.number(),
  storeIds: z.array(z.string()),
  createdAt: z.string(),
});
export type Campaign = z.infer<typeof CampaignSchema>;

/** What the create and edit routes take (server/use-cases/backoffice/campaign-spec.ts). */
export interface CampaignBody {
  kind: 'product' | 'cash';
  title: string;
  priceFen: number;
  faceValueFen: number;
  minSpendFen: number | null;
  usesPerVoucher: number;
  totalStock: number;
  perBuyerLimit: number | null;
  saleStartsAt: string | null;
  saleEndsAt: string | null;
  validity: Validity;
  storeIds: string[];
  groupPriceTiers: { minBuyers: number; priceFen: number }[] | null;
  paymentWindowSeconds: number;
}

const id = (campaignId: string) => encodeURIComponent(campaignId);

export const campaignsApi = {
  list: () => adminRequest({ method: 'GET', path: '/merchant/campaigns', schema: z.object({ campaigns: z.array(CampaignSchema) }) }),
  get: (campaignId: string) => adminRequest({ method: 'GET', path: `/merchant/campaigns/${id(campaignId)}`, schema: CampaignSchema }),
  create: (body: CampaignBody) => adminRequest({ method: 'POST', path: '/merchant/campaigns', body, schema: CampaignSchema }),
  update: (campaignId: string, body: Partial<CampaignBody>) =>
    adminRequest({ method: 'POST', path: `/merchant/campaigns/${id(campaignId)}`, body, schema: CampaignSchema }),
  /** Vouchers by hand to a phone; the same requestId again answers the same vouchers. */
  issue: (campaignId: string, requestId: string, phone: string, count: number) =>
    adminRequest({
      method: 'POST',
      path: `/merchant/campaigns/${id(campaignId)}/vouchers`,
      body: { requestId, phone, count },
      schema: z.object({ vouchers: z.array(z.object({ voucherId: z.string(), codeMasked: z.string() })) }),
    }),
  voidVoucher: (voucherId: string, reason: string) =>
    adminRequest({ method: 'POST', path: `/merchant/vouchers/${encodeURIComponent(voucherId)}/void`, body: { reason }, schema: z.object({ status: z.string() }) }),
  transition: (campaignId: string, to: 'publish' | 'end' | 'pause' | 'resume') =>
    adminRequest({ method: 'POST', path: `/merchant/campaigns/${id(campaignId)}/${to}`, schema: z.unknown() }),
};
