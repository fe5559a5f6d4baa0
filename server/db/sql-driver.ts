import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { PostgresDb } from './open-postgres';
import type { SqliteDb } from './open-sqlite';

/**
 * Drives a transaction written once for both dialects: a generator yields statements (`?`
 * placeholders) and gets each result back. SQLite runs it synchronously on the shared connection;
 * PostgreSQL awaits each statement on one pooled client. The sales scripts and the sync steps both
 * run on this.
 */
export interface StepResult {
  readonly rows: Record<string, unknown>[];
  readonly affected: number;
}

export interface DriverStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * How a statement is kept: `cached` — its text is fixed, so SQLite keeps it prepared; `named` —
 * PostgreSQL keeps it as a named prepared statement, planned once per connection (not for dynamic
 * text, nor for a look-up that must be planned for its own values).
 */
export type Keeping<S> = (statement: S) => { cached: boolean; named: boolean };

export function driveSqlite<S extends DriverStatement, T>(db: SqliteDb, steps: Generator<S, T, StepResult>, keeping: Keeping<S>): T {
  let step = steps.next();
  while (!step.done) step = steps.next(execSqlite(db, step.value, keeping(step.value).cached));
  return step.value;
}

export async function drivePg<S extends DriverStatement, T>(client: pg.PoolClient, steps: Generator<S, T, StepResult>, keeping: Keeping<S>): Promise<T> {
  let step = steps.next();
  while (!step.done) {
    const result = await client.query(pgQuery(step.value, keeping(step.value).named));
    step = steps.next({ rows: result.rows as Record<string, unknown>[], affected: result.rowCount ?? 0 });
  }
  return step.value;
}

export async function inPgTransaction<T>(db: PostgresDb, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
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

const sqliteStatements = new WeakMap<SqliteDb, Map<string, ReturnType<SqliteDb['sqlite']['prepare']>>>();

function execSqlite(db: SqliteDb, statement: DriverStatement, cached: boolean): StepResult {
  let cache = sqliteStatements.get(db);
  if (!cache) sqliteStatements.set(db, (cache = new Map()));
  let prepared = cache.get(statement.sql);
  if (!prepared) {
    prepared = db.sqlite.prepare(statement.sql);
    if (cached) cache.set(statement.sql, prepared);
  }
  const params = statement.params.map((p) => (typeof p === 'boolean' ? Number(p) : p === undefined ? null : p));
  if (prepared.reader) {
    const rows = prepared.all(params) as Record<string, unknown>[];
    return { rows, affected: rows.length };
  }
  return { rows: [], affected: prepared.run(params).changes };
}

const pgTexts = new Map<string, { text: string; name: string }>();

/** `?` → `$n`; a fixed text gets a stable name so each connection parses and plans it once. */
function pgQuery(statement: DriverStatement, named: boolean): pg.QueryConfig {
  let converted = pgTexts.get(statement.sql);
  if (!converted) {
    let n = 0;
    const text = statement.sql.replace(/\?/g, () => `$${++n}`);
    converted = { text, name: `hx_${createHash('sha1').update(text).digest('hex').slice(0, 24)}` };
    if (named) pgTexts.set(statement.sql, converted);
  }
  const values = statement.params as unknown[];
  return named ? { name: converted.name, text: converted.text, values } : { text: converted.text, values };
}
