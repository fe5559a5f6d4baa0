import type { CompiledQuery } from 'kysely';
import type { StatementResult } from '../../db/atomic';
import type { Db } from '../../db/database';

/**
 * A transaction whose later statements depend on what earlier ones returned. The script yields
 * compiled statements and receives their results; it may decide, between statements, to stop.
 * On SQLite it runs synchronously inside one better-sqlite3 transaction, so no other request's
 * statements can land in it on the shared connection; on PostgreSQL it runs on one pooled client.
 * A throw rolls everything back.
 */
export type TransactionScript<T> = Generator<CompiledQuery, T, StatementResult>;

export async function runScript<T>(db: Db, script: () => TransactionScript<T>): Promise<T> {
  if (db.kind === 'sqlite') {
    const execute = (q: CompiledQuery): StatementResult => {
      const stmt = db.sqlite.prepare(q.sql);
      const params = q.parameters as unknown[];
      if (stmt.reader) {
        const rows = stmt.all(params) as Record<string, unknown>[];
        return { rows, affected: rows.length };
      }
      return { rows: [], affected: stmt.run(params).changes };
    };
    return db.sqlite.transaction(() => drive(script(), execute)).immediate();
  }
  const client = await db.pool.connect();
  try {
    await client.query('begin');
    const steps = script();
    let step = steps.next();
    while (!step.done) {
      const r = await client.query(step.value.sql, step.value.parameters as unknown[]);
      step = steps.next({ rows: r.rows as Record<string, unknown>[], affected: r.rowCount ?? 0 });
    }
    await client.query('commit');
    return step.value;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function drive<T>(steps: TransactionScript<T>, execute: (q: CompiledQuery) => StatementResult): T {
  let step = steps.next();
  while (!step.done) step = steps.next(execute(step.value));
  return step.value;
}
