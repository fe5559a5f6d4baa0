import { z } from 'zod';
import { adminRequest } from './client';

// Support look-ups (h/admin-data, docs/admin-api/admin-data.md).
export const SupportVoucherSchema = z.object({
  voucherId: z.string(),
  codeMasked: z.string(),
  campaignTitle: z.string(),
  status: z.string(),
  uses: z.number(),
  redeemed: z.number(),
  remaining: z.number(),
  validUntil: z.string(),
  buyerPhoneMasked: z.string().nullable(),
});
export type SupportVoucher = z.infer<typeof SupportVoucherSchema>;

const Named = z.object({ id: z.string(), name: z.string().nullable() }).nullable().optional();
export const HistoryEventSchema = z.looseObject({
  type: z.string(),
  at: z.string(),
  count: z.number().optional(),
  mode: z.string().optional(),
  outcome: z.string().optional(),
  usesFreed: z.number().optional(),
  channel: z.string().optional(),
  state: z.string().optional(),
  recipientMasked: z.string().optional(),
  store: Named,
  terminal: Named,
  cashier: Named,
  manager: Named,
});
export type HistoryEvent = z.infer<typeof HistoryEventSchema>;

export const supportApi = {
  byCode: (code: string) =>
    adminRequest({ method: 'POST', path: '/merchant/support/voucher-lookup', body: { code }, schema: z.object({ voucher: SupportVoucherSchema }) }),
  history: (voucherId: string) =>
    adminRequest({
      method: 'GET',
      path: `/merchant/support/vouchers/${encodeURIComponent(voucherId)}/history`,
      schema: z.object({ voucher: SupportVoucherSchema, events: z.array(HistoryEventSchema) }),
    }),
  resend: (voucherId: string) =>
    adminRequest({
      method: 'POST',
      path: `/merchant/support/vouchers/${encodeURIComponent(voucherId)}/resend`,
      body: {},
      schema: z.object({ notificationId: z.string(), recipientMasked: z.string() }),
    }),
};
