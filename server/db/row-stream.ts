import type { CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Db } from './database';
import { SqliteDatabase } from './sqlite-driver';

/** One row as its values in the query's column order (no object per row: a file can hold millions). */
export type RowValues = unknown[];

/**
 * The rows of a query in batches, read through a database cursor so memory holds one batch at a
 * time however many rows there are. SQLite reads on its own read-only connection (WAL lets it run
 * beside the server's writes, and the shared connection is never left busy between batches);
 * PostgreSQL reads a server-side cursor in a read-only repeatable-read transaction (one snapshot).
 * Instants come as ISO text and bigints as numbers on both, as the pool returns them.
 * Stop early with `return()` (a `break` in `for await`): the cursor and its connection are released.
 */
export async function* streamRows(db: Db, query: CompiledQuery, batchSize = 2000): AsyncGenerator<RowValues[]> {
  if (db.kind === 'sqlite') {
    const reader = new SqliteDatabase(db.file, { readonly: true, fileMustExist: true });
    try {
      const rows = reader.prepare(query.sql).raw(true).iterate(...(query.parameters as unknown[])) as IterableIterator<RowValues>;
      let batch: RowValues[] = [];
      for (const row of rows) {
        batch.push(row);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    } finally {
      reader.close();
    }
    return;
  }
  const client = await db.pool.connect();
  try {
    await client.query('begin transaction isolation level repeatable read read only');
    await client.query(`declare export_cursor no scroll cursor for ${query.sql}`, query.parameters as unknown[]);
    const fetch = () => {
      const batch = client.query<RowValues>({ text: `fetch ${batchSize} from export_cursor`, rowMode: 'array', types: STREAM_TYPES });
      // Awaited below, or dropped when the consumer stops early: never an unhandled rejection.
      batch.catch(() => undefined);
      return batch;
    };
    // One batch ahead: the database reads the next batch while the consumer writes this one, and
    // memory holds two batches at most.
    let next = fetch();
    for (;;) {
      const { rows } = await next;
      const more = rows.length === batchSize;
      if (more) next = fetch();
      if (rows.length > 0) yield rows;
      if (!more) break;
    }
  } finally {
    // Read only, so ending it either way is the same; also reached when the consumer stops early.
    await client.query('rollback').catch(() => undefined);
    client.release();
  }
}

const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;
// The session's time zone is UTC (see open-postgres), so an instant reads `2026-12-07 09:30:00.123456+00`.
const UTC_TEXT = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/;

/**
 * The pool's shapes without a Date per value: `…+00` text becomes ISO by rearranging it (the
 * fraction cut to milliseconds, as a Date would); anything else goes through the pool's own parser.
 */
export function utcTextToIso(value: string): string {
  const m = UTC_TEXT.exec(value);
  if (!m) return (pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text')(value) as Date).toISOString();
  return `${m[1]}T${m[2]}.${((m[3] ?? '') + '000').slice(0, 3)}Z`;
}

const STREAM_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === TIMESTAMPTZ_OID) return utcTextToIso;
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};
