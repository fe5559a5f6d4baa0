import type { Db } from '../../../server/db/database';

/**
 * The sign-in body for a test user: logins are unique per merchant (migration 016), so sign-in
 * names the merchant by its code. Test logins are unique across merchants, so the login finds it.
 */
export async function loginBody(db: Db, login: string, password: string): Promise<{ merchant: string; login: string; password: string }> {
  const rows = await db.kysely
    .selectFrom('merchant_users as u')
    .innerJoin('merchants as m', 'm.merchant_id', 'u.merchant_id')
    .select('m.code')
    .where('u.login', '=', login.trim().toLowerCase())
    .execute();
  if (rows.length !== 1) throw new Error(`${rows.length} merchants have the login ${login}: name the merchant`);
  return { merchant: rows[0]!.code, login, password };
}
