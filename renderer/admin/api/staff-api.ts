import { z } from 'zod';
import { CounterSettings } from '../../../core/sale/counter-settings';
import { adminRequest } from './client';

// Counter staff, counter settings and a store's offline policy (server/http/routes/terminal-user-routes.ts,
// catalog-routes.ts, sync-policy-routes.ts): owners everywhere, a manager for their stores; owners edit settings.
export const CounterUserSchema = z.object({
  userId: z.string(),
  storeId: z.string(),
  name: z.string(),
  role: z.enum(['cashier', 'manager']),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  updatedAt: z.string(),
});
export type CounterUser = z.infer<typeof CounterUserSchema>;
export type CounterRole = CounterUser['role'];

export const OfflinePolicySchema = z.object({
  storeId: z.string(),
  provisionalEnabled: z.boolean(),
  maxCountPerTerminal: z.number(),
  maxValueFenPerTerminal: z.number(),
  maxOfflineHours: z.number(),
  managerPinAboveFen: z.number(),
  reverseWindowMinutes: z.number(),
  leaseMultiStore: z.boolean(),
  leaseHours: z.number(),
});
export type OfflinePolicy = z.infer<typeof OfflinePolicySchema>;
/** Back-office users who approve offline redemptions at the store's till with their PIN. */
const ApproverSchema = z.object({ managerId: z.string(), name: z.string(), updatedAt: z.string() });
export type OfflineApprover = z.infer<typeof ApproverSchema>;
const PolicyViewSchema = OfflinePolicySchema.extend({ managers: z.array(ApproverSchema) });
export { type CounterSettings };

const counterUser = (id: string) => `/merchant/terminal-users/${encodeURIComponent(id)}`;
const store = (id: string) => `/merchant/stores/${encodeURIComponent(id)}`;

export const staffApi = {
  counterUsers: (storeId: string) =>
    adminRequest({ method: 'GET', path: `${store(storeId)}/terminal-users`, schema: z.object({ users: z.array(CounterUserSchema) }) }),
  addCounterUser: (storeId: string, body: { name: string; role: CounterRole; pin: string }) =>
    adminRequest({ method: 'POST', path: `${store(storeId)}/terminal-users`, body, schema: CounterUserSchema }),
  setPin: (id: string, pin: string) => adminRequest({ method: 'POST', path: `${counterUser(id)}/pin`, body: { pin }, schema: CounterUserSchema }),
  setCounterRole: (id: string, role: CounterRole) =>
    adminRequest({ method: 'POST', path: `${counterUser(id)}/role`, body: { role }, schema: CounterUserSchema }),
  setCounterActive: (id: string, active: boolean) =>
    adminRequest({ method: 'POST', path: `${counterUser(id)}/${active ? 'enable' : 'disable'}`, schema: CounterUserSchema }),
  counterSettings: () => adminRequest({ method: 'GET', path: '/merchant/counter-settings', schema: CounterSettings }),
  saveCounterSettings: (body: CounterSettings) => adminRequest({ method: 'PUT', path: '/merchant/counter-settings', body, schema: CounterSettings }),
  offlinePolicy: (storeId: string) => adminRequest({ method: 'GET', path: `${store(storeId)}/offline-policy`, schema: PolicyViewSchema }),
  setApprover: (storeId: string, userId: string, pin: string) =>
    adminRequest({ method: 'PUT', path: `${store(storeId)}/managers/${encodeURIComponent(userId)}`, body: { pin }, schema: z.unknown() }),
  removeApprover: (storeId: string, userId: string) =>
    adminRequest({ method: 'DELETE', path: `${store(storeId)}/managers/${encodeURIComponent(userId)}`, schema: z.unknown() }),
  saveOfflinePolicy: (storeId: string, body: Omit<OfflinePolicy, 'storeId'>) =>
    adminRequest({ method: 'PUT', path: `${store(storeId)}/offline-policy`, body, schema: OfflinePolicySchema.loose() }),
};
