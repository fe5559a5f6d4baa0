import type { DbKind } from '../../db/db-kind';
import { before, type LogPosition } from './cursor';
import { first, rows, type Steps } from '../sql/steps';

/** Where the tail starts for a snapshot begun now: every change before it is in what the snapshot reads. */
export function* tailStart(kind: DbKind): Steps<LogPosition> {
  if (kind === 'postgres') {
    // Transactions below xmin have all ended, so the snapshot pages (read later) see their effects.
    const row = yield* first(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS x`);
    return { xid: String(row?.['x']), id: 0 };
  }
  return { xid: null, id: yield* lastSqliteId() };
}

/** The last id the log ever handed out (AUTOINCREMENT keeps it even when old rows are pruned). */
function* lastSqliteId(): Steps<number> {
  const row = yield* first(`SELECT seq FROM sqlite_sequence WHERE name = 'change_log'`);
  return Number(row?.['seq'] ?? 0);
}

/**
 * A cursor older than the retained log (it would need a pruned change; one exactly at the pruned
 * position needs none), or from a database that moved backwards, must start over.
 */
export function* cursorIsStale(kind: DbKind, merchantId: string, position: LogPosition): Steps<boolean> {
  const horizon = yield* first(
    `SELECT pruned_id, ${kind === 'postgres' ? 'pruned_xid::text' : 'pruned_xid'} AS pruned_xid FROM change_log_horizon WHERE merchant_id = ?`,
    [merchantId],
  );
  if (horizon && before(position, { xid: (horizon['pruned_xid'] as string | null) ?? null, id: Number(horizon['pruned_id']) })) return true;
  if (kind === 'postgres') {
    const row = yield* first(`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x`);
    return position.xid === null || BigInt(position.xid) > BigInt(String(row?.['x']));
  }
  return position.id > (yield* lastSqliteId());
}

export interface LogRow {
  position: LogPosition;
  kind: string;
  entityId: string;
  storeId: string | null;
}

export interface TailRead {
  rows: LogRow[];
  /** Committed changes exist past the watermark: an older transaction is still open. */
  held: boolean;
}

/**
 * The next changes in the store's scope after `after`, in commit-safe order. On PostgreSQL a row is
 * served only once every transaction that could still write before it has ended, so a slow
 * transaction's change is never skipped by a cursor that already moved past a later one.
 */
export function* readTail(kind: DbKind, merchantId: string, storeId: string, after: LogPosition, limit: number): Steps<TailRead> {
  if (kind === 'postgres') {
    const found = yield* rows(
      `SELECT id, xid::text AS xid, kind, entity_id, store_id, xid < pg_snapshot_xmin(pg_current_snapshot()) AS safe
         FROM change_log
        WHERE merchant_id = ? AND (store_id IS NULL OR store_id = ?)
          AND (xid, id) > (CAST(? AS xid8), CAST(? AS bigint))
        ORDER BY xid, id LIMIT ?`,
      [merchantId, storeId, after.xid ?? '0', after.id, limit],
    );
    const safe = found.findIndex((row) => row['safe'] !== true);
    const served = safe < 0 ? found : found.slice(0, safe);
    return { rows: served.map((row) => toLogRow(row, String(row['xid']))), held: safe >= 0 };
  }
  const found = yield* rows(
    `SELECT id, kind, entity_id, store_id FROM change_log
      WHERE merchant_id = ? AND (store_id IS NULL OR store_id = ?) AND id > ? ORDER BY id LIMIT ?`,
    [merchantId, storeId, after.id, limit],
  );
  return { rows: found.map((row) => toLogRow(row, null)), held: false };
}

function toLogRow(row: Record<string, unknown>, xid: string | null): LogRow {
  return {
    position: { xid, id: Number(row['id']) },
    kind: String(row['kind']),
    entityId: String(row['entity_id']),
    storeId: row['store_id'] === null ? null : String(row['store_id']),
  };
}
