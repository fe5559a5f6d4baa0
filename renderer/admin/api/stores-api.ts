import { z } from 'zod';
import { adminRequest, pageOf, withQuery } from './client';

// Routes of h/admin-setup (docs/admin-api/admin-setup.md): stores, tills, pairing codes.
const DayHours = z.object({ open: z.string(), close: z.string() }).nullable();

export const StoreSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  timeZone: z.string(),
  businessHours: z.record(z.string(), DayHours).nullable().optional(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type Store = z.infer<typeof StoreSchema>;

export const TerminalSchema = z.object({
  id: z.string(),
  storeId: z.string(),
  name: z.string(),
  status: z.enum(['unpaired', 'paired', 'disabled', 'revoked']),
  disabled: z.boolean(),
  pairedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  pairingExpiresAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  pendingOutbox: z.number().nullable(),
  appVersion: z.string().nullable(),
  createdAt: z.string(),
});
export type Terminal = z.infer<typeof TerminalSchema>;

export const PairingCodeSchema = z.object({
  code: z.string(),
  expiresAt: z.string(),
  ttlMinutes: z.number(),
  qrPayload: z.string(),
});
export type PairingCode = z.infer<typeof PairingCodeSchema>;

export const storesApi = {
  list: (cursor: string | null = null) =>
    adminRequest({ method: 'GET', path: withQuery('/merchant/stores', { limit: 200, cursor }), schema: pageOf(StoreSchema) }),
  create: (body: { name: string; address: string }) =>
    adminRequest({ method: 'POST', path: '/merchant/stores', body, schema: StoreSchema }),
  update: (storeId: string, body: Partial<Pick<Store, 'name' | 'address' | 'active'>>) =>
    adminRequest({ method: 'PATCH', path: `/merchant/stores/${encodeURIComponent(storeId)}`, body, schema: StoreSchema }),
  terminals: (storeId: string, cursor: string | null = null) =>
    adminRequest({
      method: 'GET',
      path: withQuery(`/merchant/stores/${encodeURIComponent(storeId)}/terminals`, { limit: 200, cursor }),
      schema: pageOf(TerminalSchema),
    }),
  createTerminal: (storeId: string, name: string) =>
    adminRequest({ method: 'POST', path: `/merchant/stores/${encodeURIComponent(storeId)}/terminals`, body: { name }, schema: TerminalSchema }),
  renameTerminal: (terminalId: string, name: string) =>
    adminRequest({ method: 'PATCH', path: `/merchant/terminals/${encodeURIComponent(terminalId)}`, body: { name }, schema: TerminalSchema }),
  terminalAction: (terminalId: string, action: 'disable' | 'enable' | 'revoke') =>
    adminRequest({ method: 'POST', path: `/merchant/terminals/${encodeURIComponent(terminalId)}/${action}`, schema: TerminalSchema }),
  mintPairingCode: (terminalId: string) =>
    adminRequest({ method: 'POST', path: `/merchant/terminals/${encodeURIComponent(terminalId)}/pairing-code`, schema: PairingCodeSchema }),
};
