import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import type { Db } from './database';

export interface StatementResult {
  rows: Record<string, unknown>[];
  affected: number;
}

/**
 * Runs compiled statements in one transaction. A later statement that depends on an earlier one
 * reads it from the database (`insert … select … where`), so the list needs no awaits in between;
 * on SQLite it therefore runs synchronously and nothing else can interleave on the shared connection.
 */
export async function runAtomically(db: Db, statements: readonly CompiledQuery[]): Promise<StatementResult[]> {
  if (db.kind === 'sqlite') {
    const run = db.sqlite.transaction(() =>
      statements.map((q) => {
        const stmt = db.sqlite.prepare(q.sql);
        const params = q.parameters as unknown[];
        if (stmt.reader) {
          const rows = stmt.all(params) as Record<string, unknown>[];
          return { rows, affected: rows.length };
        }
        return { rows: [], affected: stmt.run(params).changes };
      }),
    );
    return run.immediate();
  }
  const client = await db.pool.connect();
  try {
    await client.query('begin');
    const results: StatementResult[] = [];
    for (const q of statements) {
      const r = await client.query(q.sql, q.parameters as unknown[]);
      results.push({ rows: r.rows as Record<string, unknown>[], affected: r.rowCount ?? 0 });
    }
    await client.query('commit');
    return results;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** An ISO instant as a value in a select list, typed so PostgreSQL can insert it into timestamptz. */
export function instantValue(db: Db, iso: string): RawBuilder<string> {
  return db.kind === 'postgres' ? sql<string>`cast(${iso} as timestamptz)` : sql<string>`${iso}`;
}

/** A text value in a select list (PostgreSQL cannot infer a parameter's type there). */
export function textValue(db: Db, value: string | null): RawBuilder<string | null> {
  return db.kind === 'postgres' ? sql<string | null>`cast(${value} as text)` : sql<string | null>`${value}`;
}
