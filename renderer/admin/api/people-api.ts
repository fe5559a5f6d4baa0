import { z } from 'zod';
import type { MerchantRole } from './session-api';
import { adminRequest, pageOf, withQuery } from './client';

// Members (h/admin-data), back-office users and the audit log (h/admin-setup); see docs/admin-api/.
export const MemberSchema = z.object({
  id: z.string(),
  phone: z.string(),
  name: z.string().nullable(),
  level: z.string().nullable().optional(),
  points: z.number(),
  visits: z.number(),
  tags: z.array(z.string()),
  createdAt: z.string(),
});
export type Member = z.infer<typeof MemberSchema>;
const MemberVoucherSchema = z.object({ voucherId: z.string(), codeMasked: z.string(), campaignTitle: z.string(), status: z.string(), uses: z.number(), redeemed: z.number() });
export type MemberVoucher = z.infer<typeof MemberVoucherSchema>;
const MemberDetailSchema = z.object({
  member: MemberSchema.extend({ note: z.string().nullable().optional() }),
  counts: z.object({ sales: z.number(), redemptions: z.number() }),
  vouchers: z.array(MemberVoucherSchema),
});

export const UserSchema = z.object({
  id: z.string(),
  login: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'manager', 'finance', 'support']),
  disabled: z.boolean(),
  storeIds: z.array(z.string()),
  createdAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  target: z.object({ id: z.string().nullable() }),
  storeId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

const user = (id: string) => `/merchant/users/${encodeURIComponent(id)}`;

export const peopleApi = {
  members: (q: string, cursor: string | null) =>
    adminRequest({ method: 'GET', path: withQuery('/merchant/members', { q, cursor, limit: 50 }), schema: pageOf(MemberSchema) }),
  member: (id: string) => adminRequest({ method: 'GET', path: `/merchant/members/${encodeURIComponent(id)}`, schema: MemberDetailSchema }),
  setTags: (id: string, tags: string[]) =>
    adminRequest({ method: 'PUT', path: `/merchant/members/${encodeURIComponent(id)}/tags`, body: { tags }, schema: z.object({ tags: z.array(z.string()) }) }),
  users: (cursor: string | null) => adminRequest({ method: 'GET', path: withQuery('/merchant/users', { cursor, limit: 200 }), schema: pageOf(UserSchema) }),
  createUser: (body: { login: string; name: string; role: MerchantRole; password: string; storeIds?: string[] }) =>
    adminRequest({ method: 'POST', path: '/merchant/users', body, schema: UserSchema }),
  setRole: (id: string, role: MerchantRole) => adminRequest({ method: 'POST', path: `${user(id)}/role`, body: { role }, schema: UserSchema }),
  setStores: (id: string, storeIds: string[]) => adminRequest({ method: 'PUT', path: `${user(id)}/stores`, body: { storeIds }, schema: UserSchema }),
  userAction: (id: string, action: 'disable' | 'enable') => adminRequest({ method: 'POST', path: `${user(id)}/${action}`, schema: UserSchema }),
  resetPassword: (id: string, password: string) => adminRequest({ method: 'POST', path: `${user(id)}/password`, body: { password }, schema: UserSchema }),
  audit: (action: string, cursor: string | null) =>
    adminRequest({ method: 'GET', path: withQuery('/merchant/audit', { action, cursor, limit: 50 }), schema: pageOf(AuditEntrySchema) }),
};
