import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../../server/db/database';

/**
 * Each table's row count and a SHA-256 over its rows (sorted), to compare before and after;
 * `ignore` names columns that are bookkeeping rather than state (a till's last contact); `['*']`
 * compares a table's rows by `id` only (rows a background job goes on updating); WHOLE_TABLE
 * leaves a table out (counters every request moves, bad ones included: the rate limits).
 */
export const WHOLE_TABLE = '(whole table)';

export async function dbFingerprint(db: Db, ignore: Readonly<Record<string, readonly string[]>> = {}): Promise<Record<string, string>> {
  const k = db.kysely;
  const names =
    db.kind === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(k)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(k)).rows.map((r) => r.name);
  const out: Record<string, string> = {};
  for (const name of names.sort()) {
    const dropped = ignore[name] ?? [];
    if (dropped.includes(WHOLE_TABLE)) continue;
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(k)).rows.map((row) =>
      Object.fromEntries(Object.entries(row).filter(([column]) => (dropped.includes('*') ? column === 'id' : !dropped.includes(column)))),
    );
    const lines = rows.map((r) => JSON.stringify(r, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : Buffer.isBuffer(v) ? v.toString('hex') : v))).sort();
    out[name] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}

/** The fingerprint once background work (the notification outbox sending what a request queued) has stopped changing it. */
export async function settledFingerprint(db: Db, ignore: Readonly<Record<string, readonly string[]>> = {}): Promise<Record<string, string>> {
  let last = await dbFingerprint(db, ignore);
  for (let i = 0; i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = await dbFingerprint(db, ignore);
    if (JSON.stringify(next) === JSON.stringify(last)) return next;
    last = next;
  }
  throw new Error('the database kept changing for 10 s after the last request');
}
