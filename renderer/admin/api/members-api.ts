import { z } from 'zod';
import { adminDownload, adminRequest, pageOf, withQuery } from './client';

// Members of h/admin-data (docs/admin-api/admin-data.md, "Members"). Phones are whole for owners only.
const Named = z.object({ id: z.string(), name: z.string() });

export const MemberSchema = z.object({
  id: z.string(),
  phone: z.string(),
  name: z.string().nullable(),
  level: z.string(),
  points: z.number(),
  visits: z.number(),
  tags: z.array(z.string()),
  homeStoreId: z.string().nullable(),
  createdAt: z.string(),
});
export type Member = z.infer<typeof MemberSchema>;

export const MemberVoucherSchema = z.object({
  voucherId: z.string(),
  codeMasked: z.string(),
  campaignId: z.string(),
  campaignTitle: z.string(),
  status: z.string(),
  uses: z.number(),
  redeemed: z.number(),
  remaining: z.number(),
  validUntil: z.string().nullable(),
});
export type MemberVoucher = z.infer<typeof MemberVoucherSchema>;

export const MemberProfileSchema = z.object({
  member: MemberSchema.extend({
    gender: z.string().nullable(),
    birthday: z.string().nullable(),
    note: z.string().nullable(),
    handles: z.array(z.object({ channel: z.string(), handle: z.string() })),
  }),
  counts: z.object({ sales: z.number(), redemptions: z.number() }),
  vouchers: z.array(MemberVoucherSchema),
});
export type MemberProfile = z.infer<typeof MemberProfileSchema>;

export const MemberSaleSchema = z.object({
  saleId: z.string(),
  store: Named,
  terminal: Named,
  cashier: Named.nullable(),
  totalFen: z.number(),
  pointsEarned: z.number(),
  outcome: z.string(),
  deviceTime: z.string(),
  serverTime: z.string(),
});
export type MemberSale = z.infer<typeof MemberSaleSchema>;

export const PointsEntrySchema = z.object({
  id: z.string(),
  delta: z.number(),
  reason: z.string(),
  saleId: z.string().nullable(),
  refundId: z.string().nullable(),
  store: Named,
  at: z.string(),
});
export type PointsEntry = z.infer<typeof PointsEntrySchema>;

const member = (id: string) => `/merchant/members/${encodeURIComponent(id)}`;

export const membersApi = {
  search: (q: string, cursor: string | null) =>
    adminRequest({ method: 'GET', path: withQuery('/merchant/members', { q, limit: 50, cursor }), schema: pageOf(MemberSchema) }),
  profile: (id: string) => adminRequest({ method: 'GET', path: member(id), schema: MemberProfileSchema }),
  sales: (id: string, cursor: string | null) =>
    adminRequest({ method: 'GET', path: withQuery(`${member(id)}/sales`, { limit: 20, cursor }), schema: pageOf(MemberSaleSchema) }),
  points: (id: string, cursor: string | null) =>
    adminRequest({ method: 'GET', path: withQuery(`${member(id)}/points`, { limit: 20, cursor }), schema: pageOf(PointsEntrySchema) }),
  setTags: (id: string, tags: string[]) =>
    adminRequest({ method: 'PUT', path: `${member(id)}/tags`, body: { tags }, schema: z.object({ tags: z.array(z.string()) }) }),
  exportCsv: () => adminDownload('/merchant/members.csv'),
};
