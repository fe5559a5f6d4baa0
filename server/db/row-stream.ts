import BetterSqlite3 from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';
import type { Db } from './database';

/**
 * The rows of a query in batches, read through a database cursor so memory holds one batch at a
 * time however many rows there are. SQLite reads on its own read-only connection (WAL lets it run
 * beside the server's writes, and the shared connection is never left busy between batches);
 * PostgreSQL reads a server-side cursor in a read-only repeatable-read transaction (one snapshot).
 * Stop early with `return()` (a `break` in `for await`): the cursor and its connection are released.
 */
export async function* streamRows(db: Db, query: CompiledQuery, batchSize = 2000): AsyncGenerator<Record<string, unknown>[]> {
  if (db.kind === 'sqlite') {
    const reader = new BetterSqlite3(db.file, { readonly: true, fileMustExist: true });
    try {
      const rows = reader.prepare(query.sql).iterate(...(query.parameters as unknown[])) as IterableIterator<Record<string, unknown>>;
      let batch: Record<string, unknown>[] = [];
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
      const batch = client.query<Record<string, unknown>>(`fetch ${batchSize} from export_cursor`);
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
