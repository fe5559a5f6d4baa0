import { z } from 'zod';
import { adminRequest, pageOf, withQuery } from './client';

// Back-office users of h/admin-setup (docs/admin-api/admin-setup.md, "Back-office users and roles").
export const MerchantUserSchema = z.object({
  id: z.string(),
  login: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'manager', 'finance', 'support']),
  disabled: z.boolean(),
  storeIds: z.array(z.string()),
  createdAt: z.string(),
});
export type MerchantUser = z.infer<typeof MerchantUserSchema>;
export type BackOfficeRole = MerchantUser['role'];

const user = (id: string) => `/merchant/users/${encodeURIComponent(id)}`;

export const usersApi = {
  list: (cursor: string | null = null) =>
    adminRequest({ method: 'GET', path: withQuery('/merchant/users', { limit: 200, cursor }), schema: pageOf(MerchantUserSchema) }),
  create: (body: { login: string; name: string; role: BackOfficeRole; password: string; storeIds?: string[] }) =>
    adminRequest({ method: 'POST', path: '/merchant/users', body, schema: MerchantUserSchema }),
  setRole: (id: string, role: BackOfficeRole) => adminRequest({ method: 'POST', path: `${user(id)}/role`, body: { role }, schema: MerchantUserSchema }),
  setStores: (id: string, storeIds: string[]) => adminRequest({ method: 'PUT', path: `${user(id)}/stores`, body: { storeIds }, schema: MerchantUserSchema }),
  setDisabled: (id: string, disabled: boolean) =>
    adminRequest({ method: 'POST', path: `${user(id)}/${disabled ? 'disable' : 'enable'}`, schema: MerchantUserSchema }),
  /** The user's sessions end; they sign in again with the new password. */
  resetPassword: (id: string, password: string) =>
    adminRequest({ method: 'POST', path: `${user(id)}/password`, body: { password }, schema: z.object({ passwordChanged: z.literal(true) }) }),
};
