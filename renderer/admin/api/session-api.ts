import { z } from 'zod';
import { adminRequest } from './client';

export const MerchantSessionSchema = z.object({
  user: z.object({ id: z.string(), login: z.string(), name: z.string(), role: z.enum(['owner', 'manager', 'finance', 'support']) }),
  merchant: z.object({ id: z.string(), code: z.string(), name: z.string(), timeZone: z.string() }),
  expiresAt: z.string(),
});
export type MerchantSession = z.infer<typeof MerchantSessionSchema>;
export type MerchantRole = MerchantSession['user']['role'];

const SignedInSchema = MerchantSessionSchema.extend({ token: z.string() });

export const sessionApi = {
  login: (merchant: string, login: string, password: string) =>
    adminRequest({ method: 'POST', path: '/merchant/login', body: { merchant, login, password }, schema: SignedInSchema }),
  me: () => adminRequest({ method: 'GET', path: '/merchant/me', schema: MerchantSessionSchema }),
  logout: () => adminRequest({ method: 'POST', path: '/merchant/logout', schema: z.unknown() }),
};
