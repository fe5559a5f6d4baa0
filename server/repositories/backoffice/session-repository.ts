import type { Db } from '../../db/database';
import type { MerchantSession } from './merchant-session';

/** The live session behind a token hash: not expired, not revoked, its user not disabled. */
export async function findMerchantSession(db: Db, tokenHash: string, nowIso: string): Promise<MerchantSession | undefined> {
  const row = await db.kysely
    .selectFrom('merchant_sessions as s')
    .innerJoin('merchant_users as u', (j) => j.onRef('u.merchant_id', '=', 's.merchant_id').onRef('u.id', '=', 's.user_id'))
    .innerJoin('merchants as m', 'm.merchant_id', 's.merchant_id')
    .select(['u.id', 'u.login', 'u.name', 'u.role', 'm.merchant_id', 'm.code as merchant_code', 'm.name as merchant_name', 'm.time_zone', 's.expires_at'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', nowIso)
    .where('u.disabled', '=', 0)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    user: { id: row.id, login: row.login, name: row.name, role: row.role },
    merchant: { id: row.merchant_id, code: row.merchant_code, name: row.merchant_name, timeZone: row.time_zone },
    expiresAt: row.expires_at,
  };
}

export function insertSession(
  db: Db,
  session: { tokenHash: string; merchantId: string; userId: string; createdAt: string; expiresAt: string },
) {
  return db.kysely.insertInto('merchant_sessions').values({
    token_hash: session.tokenHash,
    merchant_id: session.merchantId,
    user_id: session.userId,
    created_at: session.createdAt,
    expires_at: session.expiresAt,
    revoked_at: null,
  });
}

export function revokeSession(db: Db, tokenHash: string, atIso: string) {
  return db.kysely
    .updateTable('merchant_sessions')
    .set({ revoked_at: atIso })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null);
}

/** Ends every live session of a user (disabled, demoted or given a new password). */
export function revokeUserSessions(db: Db, merchantId: string, userId: string, atIso: string) {
  return db.kysely
    .updateTable('merchant_sessions')
    .set({ revoked_at: atIso })
    .where('merchant_id', '=', merchantId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
}

/** Expired rows of a user are dead weight; they go when the user signs in again. */
export function deleteExpiredSessions(db: Db, merchantId: string, userId: string, nowIso: string) {
  return db.kysely
    .deleteFrom('merchant_sessions')
    .where('merchant_id', '=', merchantId)
    .where('user_id', '=', userId)
    .where('expires_at', '<=', nowIso);
}
