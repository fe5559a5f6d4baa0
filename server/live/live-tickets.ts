import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database';
import type { MerchantSession } from '../repositories/backoffice/merchant-session';
import { findMerchantSession } from '../repositories/backoffice/session-repository';
import { sha256Hex } from '../security/secrets';

export const LIVE_TICKET_TTL_MS = 60_000;

/**
 * A ticket for `GET /merchant/live/events?ticket=…`: EventSource cannot send an Authorization
 * header, and a session token in a URL would end up in logs and history. The ticket is random,
 * stored hashed in the database (so any node can take it), valid for a minute and good once.
 */
export async function mintLiveTicket(db: Db, merchantId: string, sessionToken: string, now: Date): Promise<{ ticket: string; expiresAt: string }> {
  const ticket = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + LIVE_TICKET_TTL_MS).toISOString();
  await db.kysely.deleteFrom('live_tickets').where('expires_at', '<', now.toISOString()).execute();
  await db.kysely
    .insertInto('live_tickets')
    .values({ token_hash: sha256Hex(ticket), merchant_id: merchantId, session_hash: sha256Hex(sessionToken), expires_at: expiresAt, used_at: null })
    .execute();
  return { ticket, expiresAt };
}

/** The session behind a ticket, spending it; undefined when unknown, used, expired, or its session has ended. */
export async function takeLiveTicket(db: Db, ticket: string, now: Date): Promise<MerchantSession | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(ticket)) return undefined;
  const nowIso = now.toISOString();
  const taken = await db.kysely
    .updateTable('live_tickets')
    .set({ used_at: nowIso })
    .where('token_hash', '=', sha256Hex(ticket))
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .returning(['session_hash', 'merchant_id'])
    .executeTakeFirst();
  if (!taken) return undefined;
  const session = await findMerchantSession(db, taken.session_hash, nowIso);
  return session?.merchant.id === taken.merchant_id ? session : undefined;
}
