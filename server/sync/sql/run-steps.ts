import type { Db } from '../../db/database';
import { drivePg, driveSqlite, inPgTransaction } from '../../db/sql-driver';
import type { Statement, Steps } from './steps';

/** Sync statements are fixed text; a look-up marked FRESH_PLAN is planned for its own values on PostgreSQL. */
const keeping = (statement: Statement) => ({ cached: true, named: !statement.planEachTime });

/** Runs a generator of statements in one transaction and returns what it returns. */
export async function inTransaction<T>(db: Db, work: () => Steps<T>): Promise<T> {
  if (db.kind === 'sqlite') return db.sqlite.transaction(() => driveSqlite(db, work(), keeping)).immediate();
  return inPgTransaction(db, (client) => drivePg(client, work(), keeping));
}

/** Runs a generator outside any explicit transaction (reads; single statements). */
export async function withoutTransaction<T>(db: Db, work: () => Steps<T>): Promise<T> {
  if (db.kind === 'sqlite') return driveSqlite(db, work(), keeping);
  const client = await db.pool.connect();
  try {
    return await drivePg(client, work(), keeping);
  } finally {
    client.release();
  }
}

/** Deadlock, serialization failure or a key another transaction inserted first: running again may succeed. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001' || code === '23505' || code === 'SQLITE_BUSY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
