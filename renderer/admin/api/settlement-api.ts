import { z } from 'zod';
import { adminDownload, adminRequest, withQuery } from './client';

// Settlement of h/admin-live (docs/admin-api/admin-live.md, "Settlement"). Dates are the merchant's days.
const Figures = z.object({
  soldUnits: z.number(),
  soldFen: z.number(),
  refundedUnits: z.number(),
  refundedFen: z.number(),
  groupPriceAdjustmentFen: z.number(),
  redeemedUses: z.number(),
  redeemedFaceValueFen: z.number(),
  netFen: z.number(),
});

export const StatementRowSchema = Figures.extend({
  date: z.string(),
  campaignId: z.string(),
  title: z.string(),
  /** null: the campaign's online sales (orders belong to no store). */
  storeId: z.string().nullable(),
  storeName: z.string().nullable(),
});
export type StatementRow = z.infer<typeof StatementRowSchema>;

export const StatementSchema = z.object({ from: z.string(), to: z.string(), timeZone: z.string(), items: z.array(StatementRowSchema), totals: Figures });
export type Statement = z.infer<typeof StatementSchema>;

export interface StatementFilter {
  from: string;
  to: string;
  storeId?: string | undefined;
  campaignId?: string | undefined;
}

export const settlementApi = {
  daily: (filter: StatementFilter) =>
    adminRequest({ method: 'GET', path: withQuery('/merchant/settlement/daily', { ...filter }), schema: StatementSchema }),
  /** The ledger rows behind the statement, streamed by the server (no store filter there). */
  exportCsv: (filter: Omit<StatementFilter, 'storeId'>) => adminDownload(withQuery('/merchant/settlement/export.csv', { ...filter })),
};
