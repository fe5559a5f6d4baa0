import { z } from 'zod';
import { adminRequest, withQuery } from './client';

const Figures = { count: z.number(), uses: z.number(), faceValueFen: z.number() };

export const DashboardSchema = z.object({
  date: z.string(),
  timeZone: z.string(),
  storeIds: z.array(z.string()),
  counter: z.object({
    sales: z.number(),
    grossFen: z.number(),
    netFen: z.number(),
    refunds: z.number(),
    refundedFen: z.number(),
    byTender: z.array(z.object({ kind: z.string(), amountFen: z.number(), count: z.number() })),
  }),
  redemptions: z.object({
    ...Figures,
    byStore: z.array(z.object({ storeId: z.string(), name: z.string(), ...Figures })),
    byCampaign: z.array(z.object({ campaignId: z.string(), title: z.string(), ...Figures })),
    byHour: z.array(z.object({ hour: z.number(), ...Figures })),
  }),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export const dashboardApi = {
  day: (date: string | null, storeId: string | null) =>
    adminRequest({ method: 'GET', path: withQuery('/merchant/dashboard', { date, storeId }), schema: DashboardSchema }),
};
