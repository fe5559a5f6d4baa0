import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Db } from '../../db/database';
import type { PostgresDb } from '../../db/open-postgres';
import type { SqliteDb } from '../../db/open-sqlite';
import type { Statement, StepResult, Steps } from './steps';

/** Runs a generator of statements in one transaction and returns what it returns. */
export async function inTransaction<T>(db: Db, work: () => Steps<T>): Promise<T> {
  if (db.kind === 'sqlite') return db.sqlite.transaction(() => driveSqlite(db, work())).immediate();
  return inPgTransaction(db, (client) => drivePg(client, work()));
}

/** Runs a generator outside any explicit transaction (reads; single statements). */
export async function withoutTransaction<T>(db: Db, work: () => Steps<T>): Promise<T> {
  if (db.kind === 'sqlite') return driveSqlite(db, work());
  const client = await db.pool.connect();
  try {
    return await drivePg(client, work());
  } finally {
    client.release();
  }
}

function driveSqlite<T>(db: SqliteDb, steps: Steps<T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next(execSqlite(db, step.value));
  return step.value;
}

async function drivePg<T>(client: pg.PoolClient, steps: Steps<T>): Promise<T> {
  let step = steps.next();
  while (!step.done) {
    const result = await client.query(pgQuery(step.value));
    step = steps.next({ rows: result.rows as Record<string, unknown>[], affected: result.rowCount ?? 0 });
  }
  return step.value;
}

const sqliteCache = new WeakMap<SqliteDb, Map<string, ReturnType<SqliteDb['sqlite']['prepare']>>>();

function execSqlite(db: SqliteDb, statement: Statement): StepResult {
  let cache = sqliteCache.get(db);
  if (!cache) sqliteCache.set(db, (cache = new Map()));
  let prepared = cache.get(statement.sql);
  if (!prepared) {
    prepared = db.sqlite.prepare(statement.sql);
    cache.set(statement.sql, prepared);
  }
  const params = statement.params.map((p) => (typeof p === 'boolean' ? Number(p) : p === undefined ? null : p));
  if (prepared.reader) {
    const rows = prepared.all(params) as Record<string, unknown>[];
    return { rows, affected: rows.length };
  }
  return { rows: [], affected: prepared.run(params).changes };
}

const pgTexts = new Map<string, { text: string; name: string }>();

/** `?` → `$n`, and a stable name so the text is parsed once per connection. */
function pgQuery(statement: Statement): pg.QueryConfig {
  let converted = pgTexts.get(statement.sql);
  if (!converted) {
    let n = 0;
    const text = statement.sql.replace(/\?/g, () => `$${++n}`);
    converted = { text, name: `hxs_${createHash('sha1').update(text).digest('hex').slice(0, 24)}` };
    pgTexts.set(statement.sql, converted);
  }
  const values = statement.params as unknown[];
  return statement.planEachTime ? { text: converted.text, values } : { name: converted.name, text: converted.text, values };
}

async function inPgTransaction<T>(db: PostgresDb, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    const value = await work(client);
    await client.query('COMMIT');
    return value;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Deadlock, serialization failure or a key another transaction inserted first: running again may succeed. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001' || code === '23505' || code === 'SQLITE_BUSY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
