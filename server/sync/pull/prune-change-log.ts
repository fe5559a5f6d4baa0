import type { Db } from '../../db/database';
import { inTransaction } from '../sql/run-steps';
import { q, rows, type Steps } from '../sql/steps';
import { atOrBefore, type LogPosition } from './cursor';

/**
 * Deletes changes older than `before` and remembers, per merchant, the last position removed: a
 * cursor before it has missed something and is told to start over (`reset`). On PostgreSQL only
 * rows below the commit-safe watermark go, so no transaction still open can later commit a change
 * at or before the remembered position; deletion and the positions it removed are one statement.
 */
export function pruneChangeLog(db: Db, before: Date): Promise<number> {
  const cutoff = before.toISOString();
  return inTransaction(db, function* (): Steps<number> {
    let removed: number;
    let last: Record<string, unknown>[];
    if (db.kind === 'postgres') {
      // Below the first young row in transaction order every row is old; the walk there uses the xid index.
      last = yield* rows(
        `WITH w AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
              b AS (SELECT least(coalesce((SELECT xid FROM change_log WHERE at >= ? ORDER BY xid, id LIMIT 1), w.xmin), w.xmin) AS below FROM w),
              d AS (DELETE FROM change_log WHERE xid < (SELECT below FROM b) RETURNING merchant_id, xid, id),
              n AS (SELECT count(*) AS removed FROM d)
         SELECT DISTINCT ON (d.merchant_id) d.merchant_id, d.xid::text AS xid, d.id, n.removed
           FROM d CROSS JOIN n ORDER BY d.merchant_id, d.xid DESC, d.id DESC`,
        [cutoff],
      );
      removed = Number(last[0]?.['removed'] ?? 0);
    } else {
      last = yield* rows(`SELECT merchant_id, NULL AS xid, max(id) AS id FROM change_log WHERE at < ? GROUP BY merchant_id`, [cutoff]);
      removed = (yield q(`DELETE FROM change_log WHERE at < ?`, [cutoff])).affected;
    }
    for (const row of last) yield* raiseHorizon(db.kind, String(row['merchant_id']), { xid: row['xid'] === null ? null : String(row['xid']), id: Number(row['id']) });
    return removed;
  });
}

function* raiseHorizon(kind: Db['kind'], merchantId: string, position: LogPosition): Steps<void> {
  const [held] = yield* rows(
    `SELECT pruned_id, ${kind === 'postgres' ? 'pruned_xid::text' : 'pruned_xid'} AS pruned_xid FROM change_log_horizon WHERE merchant_id = ?`,
    [merchantId],
  );
  if (held && atOrBefore(position, { xid: (held['pruned_xid'] as string | null) ?? null, id: Number(held['pruned_id']) })) return;
  yield q(
    `INSERT INTO change_log_horizon (merchant_id, pruned_id, pruned_xid, pruned_at) VALUES (?, ?, ${kind === 'postgres' ? 'CAST(? AS xid8)' : '?'}, ?)
     ON CONFLICT (merchant_id) DO UPDATE SET pruned_id = excluded.pruned_id, pruned_xid = excluded.pruned_xid, pruned_at = excluded.pruned_at`,
    [merchantId, position.id, position.xid, new Date().toISOString()],
  );
}
