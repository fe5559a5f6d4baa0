import type { Db } from '../../db/database';
import { inTransaction } from '../sql/run-steps';
import { rows, q, type Steps } from '../sql/steps';
import { atOrBefore, type LogPosition } from './cursor';

/**
 * Deletes changes older than `before` and remembers, per merchant, the last position removed: a
 * cursor at or before it has missed something and is told to start over (`reset`).
 */
export function pruneChangeLog(db: Db, before: Date): Promise<number> {
  const cutoff = before.toISOString();
  return inTransaction(db, function* (): Steps<number> {
    const pruned = yield* rows(
      db.kind === 'postgres'
        ? `SELECT DISTINCT ON (merchant_id) merchant_id, xid::text AS xid, id FROM change_log WHERE at < ?
            ORDER BY merchant_id, xid DESC, id DESC`
        : `SELECT merchant_id, NULL AS xid, max(id) AS id FROM change_log WHERE at < ? GROUP BY merchant_id`,
      [cutoff],
    );
    for (const row of pruned) {
      const merchantId = String(row['merchant_id']);
      const position: LogPosition = { xid: row['xid'] === null ? null : String(row['xid']), id: Number(row['id']) };
      const [held] = yield* rows(
        `SELECT pruned_id, ${db.kind === 'postgres' ? 'pruned_xid::text' : 'pruned_xid'} AS pruned_xid FROM change_log_horizon WHERE merchant_id = ?`,
        [merchantId],
      );
      const current = held ? { xid: (held['pruned_xid'] as string | null) ?? null, id: Number(held['pruned_id']) } : null;
      if (current && atOrBefore(position, current)) continue;
      const xid = db.kind === 'postgres' ? 'CAST(? AS xid8)' : '?';
      yield q(
        `INSERT INTO change_log_horizon (merchant_id, pruned_id, pruned_xid, pruned_at) VALUES (?, ?, ${xid}, ?)
         ON CONFLICT (merchant_id) DO UPDATE SET pruned_id = excluded.pruned_id, pruned_xid = excluded.pruned_xid, pruned_at = excluded.pruned_at`,
        [merchantId, position.id, position.xid, new Date().toISOString()],
      );
    }
    return (yield q(`DELETE FROM change_log WHERE at < ?`, [cutoff])).affected;
  });
}
