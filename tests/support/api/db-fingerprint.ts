import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../../server/db/database';

/**
 * Each table's row count and a SHA-256 over its rows (sorted), to compare before and after;
 * `ignore` names columns that are bookkeeping rather than state (a till's last contact).
 */
export async function dbFingerprint(db: Db, ignore: Readonly<Record<string, readonly string[]>> = {}): Promise<Record<string, string>> {
  const k = db.kysely;
  const names =
    db.kind === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(k)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(k)).rows.map((r) => r.name);
  const out: Record<string, string> = {};
  for (const name of names.sort()) {
    const dropped = ignore[name] ?? [];
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(k)).rows.map((row) =>
      Object.fromEntries(Object.entries(row).filter(([column]) => !dropped.includes(column))),
    );
    const lines = rows.map((r) => JSON.stringify(r, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : Buffer.isBuffer(v) ? v.toString('hex') : v))).sort();
    out[name] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}
