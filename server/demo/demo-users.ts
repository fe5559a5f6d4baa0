import type { Db } from '../db/database';
import type { MerchantRole } from '../db/schema';
import { addMerchantUser, type MerchantUserSeed } from '../repositories/backoffice/merchant-user-setup';

/**
 * Back-office users of the demo merchant. Their passwords are demo data, printed at start and
 * kept in demo.json (owner-only); a shared demo server should change them.
 */
export const DEMO_BACKOFFICE_USERS: readonly MerchantUserSeed[] = [
  { login: 'owner@demo', name: '微美食 店主', role: 'owner', password: 'hexiao-demo-owner' },
  { login: 'manager@demo', name: '微美食 运营', role: 'manager', password: 'hexiao-demo-manager' },
];

export type DemoBackOfficeUser = { login: string; password: string; role: MerchantRole };

export async function seedDemoUsers(db: Db, merchantId: string, now: Date): Promise<void> {
  for (const user of DEMO_BACKOFFICE_USERS) await addMerchantUser(db, merchantId, user, now);
}

/** The demo users present in this merchant (none in a database seeded before they existed). */
export async function demoBackOffice(db: Db, merchantId: string): Promise<DemoBackOfficeUser[]> {
  const rows = await db.kysely
    .selectFrom('merchant_users')
    .select('login')
    .where('merchant_id', '=', merchantId)
    .where('login', 'in', DEMO_BACKOFFICE_USERS.map((u) => u.login))
    .execute();
  const present = new Set(rows.map((r) => r.login));
  return DEMO_BACKOFFICE_USERS.filter((u) => present.has(u.login)).map(({ login, password, role }) => ({ login, password, role }));
}
