import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Db } from '../../db/database';
import type { PostgresDb } from '../../db/open-postgres';
import type { SqliteDb } from '../../db/open-sqlite';
import { ScriptConflict, ScriptRefusal, type SqlScript, type Statement, type StepResult } from './sql-script';

export type ScriptMaker<T> = () => SqlScript<T>;
export type BatchOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

const MAX_ATTEMPTS = 4;

/** Runs one script in its own transaction; a ScriptRefusal rolls it back and yields its answer. */
export async function runScript<T>(db: Db, make: ScriptMaker<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (db.kind === 'sqlite') return refusalAsAnswer(() => db.sqlite.transaction(() => drive(db, make)).immediate());
      return await refusalAsAnswerAsync(() => inPgTransaction(db, (client) => driveAsync(client, make)));
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isTransient(error)) throw error;
    }
  }
}

/**
 * Runs scripts in ONE transaction (one commit for all: a group commit). On SQLite each script sits
 * in its own savepoint. On PostgreSQL a failing or refusing script rolls the batch back and every
 * script is run again on its own, so one bad request never sinks the others.
 */
export async function runScripts<T>(db: Db, makers: readonly ScriptMaker<T>[]): Promise<BatchOutcome<T>[]> {
  if (makers.length === 1) return [await settle(() => runScript(db, makers[0]!))];
  if (db.kind === 'sqlite') {
    const each = (make: ScriptMaker<T>) => db.sqlite.transaction(() => drive(db, make));
    return db.sqlite.transaction(() => makers.map((make) => settleSync(() => refusalAsAnswer(() => each(make)()))))
      .immediate();
  }
  for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      const values = await inPgTransaction(db, async (client) => {
        const out: T[] = [];
        for (const make of makers) out.push(await driveAsync(client, make));
        return out;
      });
      return values.map((value) => ({ ok: true, value }));
    } catch (error) {
      if (!isTransient(error)) break;
    }
  }
  const outcomes: BatchOutcome<T>[] = [];
  for (const make of makers) outcomes.push(await settle(() => runScript(db, make)));
  return outcomes;
}

function drive<T>(db: SqliteDb, make: ScriptMaker<T>): T {
  const script = make();
  let step = script.next();
  while (!step.done) step = script.next(execSqlite(db, step.value));
  return step.value;
}

async function driveAsync<T>(client: pg.PoolClient, make: ScriptMaker<T>): Promise<T> {
  const script = make();
  let step = script.next();
  while (!step.done) {
    const result = await client.query(pgQuery(step.value));
    step = script.next({ rows: result.rows as Record<string, unknown>[], affected: result.rowCount ?? 0 });
  }
  return step.value;
}

const sqliteStatements = new WeakMap<SqliteDb, Map<string, ReturnType<SqliteDb['sqlite']['prepare']>>>();

function execSqlite(db: SqliteDb, statement: Statement): StepResult {
  let cache = sqliteStatements.get(db);
  if (!cache) sqliteStatements.set(db, (cache = new Map()));
  let prepared = cache.get(statement.sql);
  if (!prepared) {
    prepared = db.sqlite.prepare(statement.sql);
    if (statement.prepared) cache.set(statement.sql, prepared);
  }
  const params = statement.params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
  if (prepared.reader) {
    const rows = prepared.all(params) as Record<string, unknown>[];
    return { rows, affected: rows.length };
  }
  return { rows: [], affected: prepared.run(params).changes };
}

const pgTexts = new Map<string, { text: string; name: string }>();

function pgQuery(statement: Statement): pg.QueryConfig {
  let converted = pgTexts.get(statement.sql);
  if (!converted) {
    let n = 0;
    const text = statement.sql.replace(/\?/g, () => `$${++n}`);
    converted = { text, name: `hx_${createHash('sha1').update(text).digest('hex').slice(0, 20)}` };
    if (statement.prepared) pgTexts.set(statement.sql, converted);
  }
  const values = statement.params as unknown[];
  return statement.prepared ? { name: converted.name, text: converted.text, values } : { text: converted.text, values };
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

/** Deadlock or serialization failure: the transaction did nothing and may simply run again. */
function isTransient(error: unknown): boolean {
  if (error instanceof ScriptConflict) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

function refusalAsAnswer<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ScriptRefusal) return error.answer as T;
    throw error;
  }
}

async function refusalAsAnswerAsync<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ScriptRefusal) return error.answer as T;
    throw error;
  }
}

function settleSync<T>(run: () => T): BatchOutcome<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error };
  }
}

async function settle<T>(run: () => Promise<T>): Promise<BatchOutcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}
