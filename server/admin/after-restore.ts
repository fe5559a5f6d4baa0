import { runScript } from '../repositories/sales/run-script';
import { dynamicStmt, type SqlScript } from '../repositories/sales/sql-script';
import type { Db } from '../db/database';

/**
 * Change-log ids skipped on SQLite after a restore. Tills may have pulled changes the backup does
 * not hold, up to ids the restored log would hand out again; starting past them (fewer than this
 * many changes since the backup) means no id is ever given twice.
 */
export const RESTORE_ID_GAP = 1_000_000_000;

export interface AfterRestoreReport {
  merchants: number;
  terminals: number;
}

/**
 * Run once on a restored database before the server starts on it. The tills' sync state is ahead
 * of the backup: their pull cursors point past the restored log, their push numbering past the
 * restored device sequences. This empties the change log behind a horizon every old cursor is
 * before (each till starts its pull over with a fresh snapshot), skips SQLite's log ids past any
 * a till saw, and lets each till's next push continue its own numbering (as after a re-pairing),
 * so entries the backup lost are applied again rather than refused. One transaction; running it
 * twice is harmless.
 */
export function afterRestore(db: Db, now = new Date()): Promise<AfterRestoreReport> {
  return runScript(db, () => rebase(db, now));
}

function* rebase(db: Db, now: Date): SqlScript<AfterRestoreReport> {
  const at = now.toISOString();
  let horizon: { id: number; xid: string | null };
  if (db.kind === 'postgres') {
    const { rows } = yield dynamicStmt(`SELECT pg_current_xact_id()::text AS xid, coalesce((SELECT max(id) FROM change_log), 0) AS id`);
    horizon = { id: Number(rows[0]?.['id'] ?? 0), xid: String(rows[0]?.['xid']) };
  } else {
    const { rows } = yield dynamicStmt(`SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'change_log'), 0) AS seq`);
    horizon = { id: Number(rows[0]?.['seq'] ?? 0) + RESTORE_ID_GAP, xid: null };
    const { affected } = yield dynamicStmt(`UPDATE sqlite_sequence SET seq = ? WHERE name = 'change_log'`, [horizon.id]);
    if (affected === 0) yield dynamicStmt(`INSERT INTO sqlite_sequence (name, seq) VALUES ('change_log', ?)`, [horizon.id]);
  }
  yield dynamicStmt(`DELETE FROM change_log`);
  const merchants = yield dynamicStmt(
    `INSERT INTO change_log_horizon (merchant_id, pruned_id, pruned_xid, pruned_at)
     SELECT merchant_id, ?, ${db.kind === 'postgres' ? 'CAST(? AS xid8)' : '?'}, ? FROM merchants WHERE true
     ON CONFLICT (merchant_id) DO UPDATE SET pruned_id = excluded.pruned_id, pruned_xid = excluded.pruned_xid, pruned_at = excluded.pruned_at`,
    [horizon.id, horizon.xid, at],
  );
  const terminals = yield dynamicStmt(`UPDATE device_sequences SET rebase = 1, updated_at = ?`, [at]);
  return { merchants: merchants.affected, terminals: terminals.affected };
}
