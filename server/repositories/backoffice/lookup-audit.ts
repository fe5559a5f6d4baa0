import type { Db } from '../../db/database';
import { userAuditInsert, type UserAuditEntry } from './user-audit';

/** How long one audit row of a user's fruitless look-ups of one kind covers. */
export const MISS_WINDOW_MS = 60 * 60_000;

/**
 * Audits a support look-up. One that found something gets its own row, as before. One that found
 * nothing is coalesced: the user's first miss of this kind (and subject) in the last hour gets a
 * row with `misses: 1`, and each further miss in that hour adds to its count and `lastAt` instead
 * of a row. Junk look-ups then grow the log by at most one row per user, kind and hour, while the
 * count still shows how hard someone tried (the code-lookup lockout bounds the count itself).
 */
export async function auditLookup(db: Db, entry: UserAuditEntry, found: boolean): Promise<void> {
  if (found) {
    await userAuditInsert(db, entry).execute();
    return;
  }
  const since = new Date(Date.parse(entry.at) - MISS_WINDOW_MS).toISOString();
  const open = await db.kysely
    .selectFrom('audit_log')
    .select(['id', 'details'])
    .where('merchant_id', '=', entry.merchantId)
    .where('actor_type', '=', 'user')
    .where('actor_id', '=', entry.userId)
    .where('action', '=', entry.action)
    .where((eb) => (entry.subjectId === null ? eb('subject_id', 'is', null) : eb('subject_id', '=', entry.subjectId)))
    .where('at', '>=', since)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const earlier = open ? (JSON.parse(open.details) as Record<string, unknown>) : undefined;
  if (open && earlier && typeof earlier['misses'] === 'number') {
    const details = JSON.stringify({ ...earlier, misses: earlier['misses'] + 1, lastAt: entry.at });
    await db.kysely.updateTable('audit_log').set({ details }).where('merchant_id', '=', entry.merchantId).where('id', '=', open.id).execute();
    return;
  }
  await userAuditInsert(db, { ...entry, details: { ...entry.details, misses: 1, lastAt: entry.at } }).execute();
}
