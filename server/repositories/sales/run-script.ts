import type pg from 'pg';
import type { Db } from '../../db/database';
import type { SqliteDb } from '../../db/open-sqlite';
import { drivePg, driveSqlite, inPgTransaction } from '../../db/sql-driver';
import { ScriptConflict, ScriptRefusal, type SqlScript, type Statement } from './sql-script';

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

/** A sales statement is kept (SQLite prepared, PostgreSQL named) when its text is fixed. */
const keeping = (statement: Statement) => ({ cached: statement.prepared, named: statement.prepared });

function drive<T>(db: SqliteDb, make: ScriptMaker<T>): T {
  return driveSqlite(db, make(), keeping);
}

function driveAsync<T>(client: pg.PoolClient, make: ScriptMaker<T>): Promise<T> {
  return drivePg(client, make(), keeping);
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
