import { z } from 'zod';
import { adminDownload, adminRequest, pageOf, withQuery } from './client';

// Conflict queue (h/admin-data) and settlement (h/admin-live); see docs/admin-api/.
const Named = z.object({ id: z.string(), name: z.string().nullable() }).nullable();
export const ConflictSchema = z.object({
  redemptionId: z.string(),
  codeMasked: z.string(),
  campaign: z.object({ id: z.string(), title: z.string() }),
  count: z.number(),
  reason: z.string(),
  basis: z.string().nullable(),
  offline: z.object({ storeName: z.string().nullable(), terminalName: z.string().nullable(), cashier: Named, serverTime: z.string() }),
  first: z.object({ kind: z.string(), storeName: z.string().nullable(), terminalName: z.string().nullable(), at: z.string().nullable() }).nullable(),
  status: z.enum(['open', 'resolved']),
  decision: z.string().nullable(),
  note: z.string().nullable(),
});
export type Conflict = z.infer<typeof ConflictSchema>;
export type Decision = 'accept_loss' | 'recovered_from_customer' | 'staff_error';

const Row = {
  soldUnits: z.number(),
  soldFen: z.number(),
  refundedFen: z.number(),
  groupPriceAdjustmentFen: z.number(),
  redeemedUses: z.number(),
  redeemedFaceValueFen: z.number(),
  netFen: z.number(),
};
export const SettlementRowSchema = z.object({
  date: z.string(),
  campaignId: z.string(),
  title: z.string(),
  storeId: z.string().nullable(),
  storeName: z.string().nullable(),
  ...Row,
});
export type SettlementRow = z.infer<typeof SettlementRowSchema>;
const SettlementSchema = z.object({ items: z.array(SettlementRowSchema), totals: z.object(Row) });

export const opsApi = {
  conflicts: (status: 'open' | 'resolved' | 'all', cursor: string | null) =>
    adminRequest({ method: 'GET', path: withQuery('/merchant/conflicts', { status, cursor, limit: 50 }), schema: pageOf(ConflictSchema) }),
  resolve: (redemptionId: string, decision: Decision, note: string) =>
    adminRequest({ method: 'POST', path: `/merchant/conflicts/${encodeURIComponent(redemptionId)}/resolve`, body: { decision, note }, schema: z.unknown() }),
  settlement: (from: string, to: string) =>
    adminRequest({ method: 'GET', path: withQuery('/merchant/settlement/daily', { from, to }), schema: SettlementSchema }),
  settlementCsv: (from: string, to: string) => adminDownload(withQuery('/merchant/settlement/export.csv', { from, to })),
};
