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

export const usersApi = {
  list: (cursor: string | null = null) =>
    adminRequest({ method: 'GET', path: withQuery('/merchant/users', { limit: 200, cursor }), schema: pageOf(MerchantUserSchema) }),
};
