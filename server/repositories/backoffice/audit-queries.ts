import { sql } from 'kysely';
import { ok } from '../../../core/result';
import type { Db } from '../../db/database';
import { afterKey, decodeCursor, toPage, type KeysetOrder, type Page } from '../../db/keyset-page';
import type { Outcome } from '../../use-cases/outcome';

export interface AuditEntry {
  id: string;
  at: string;
  action: string;
  actor: { type: string; id: string | null; name: string | null };
  target: { id: string | null };
  storeId: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  actor?: string | undefined;
  /** Exact, or a prefix when it ends in `.` (`terminal.`). */
  action?: string | undefined;
  storeId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

const ORDER: KeysetOrder = { columns: ['a.at', 'a.id'], direction: 'desc' };

/** A merchant's audit log, newest first, keyset-paged. */
export async function listAudit(db: Db, merchantId: string, filter: AuditFilter): Promise<Outcome<Page<AuditEntry>>> {
  let query = db.kysely
    .selectFrom('audit_log as a')
    .leftJoin('merchant_users as u', (j) => j.onRef('u.merchant_id', '=', 'a.merchant_id').onRef('u.id', '=', 'a.actor_id').on('a.actor_type', '=', 'user'))
    .leftJoin('terminals as t', (j) => j.onRef('t.merchant_id', '=', 'a.merchant_id').onRef('t.id', '=', 'a.actor_id').on('a.actor_type', '=', 'terminal'))
    .select(['a.id', 'a.at', 'a.action', 'a.actor_type', 'a.actor_id', 'a.subject_id', 'a.store_id', 'a.details', 'u.name as user_name', 't.name as terminal_name'])
    .where('a.merchant_id', '=', merchantId);
  if (filter.actor) query = query.where('a.actor_id', '=', filter.actor);
  if (filter.action) {
    const action = filter.action;
    query = action.endsWith('.')
      ? query.where(sql<boolean>`substr(a.action, 1, ${action.length}) = ${action}`)
      : query.where('a.action', '=', action);
  }
  if (filter.storeId) {
    const storeId = filter.storeId;
    query = query.where((eb) =>
      eb.or([
        eb('a.store_id', '=', storeId),
        eb('a.subject_id', '=', storeId),
        eb('a.subject_id', 'in', eb.selectFrom('terminals as st').select('st.id').where('st.merchant_id', '=', merchantId).where('st.store_id', '=', storeId)),
      ]),
    );
  }
  if (filter.from) query = query.where('a.at', '>=', filter.from);
  if (filter.to) query = query.where('a.at', '<', filter.to);
  if (filter.cursor) {
    const key = decodeCursor(filter.cursor, ORDER);
    if (!key.ok) return key;
    query = query.where(afterKey(ORDER, key.value));
  }
  const rows = await query.orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(filter.limit + 1).execute();
  return ok(
    toPage(
      rows,
      filter.limit,
      (r) => [r.at, r.id],
      (r) => ({
        id: r.id,
        at: r.at,
        action: r.action,
        actor: { type: r.actor_type, id: r.actor_id, name: r.user_name ?? r.terminal_name ?? null },
        target: { id: r.subject_id },
        storeId: r.store_id,
        details: JSON.parse(r.details) as Record<string, unknown>,
      }),
    ),
  );
}
