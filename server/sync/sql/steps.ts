import type { DbKind } from '../../db/db-kind';
import type { StepResult } from '../../db/sql-driver';

/**
 * A transaction written once for both dialects: a generator yields statements (`?` placeholders)
 * and gets each result back. SQLite drives it synchronously inside a better-sqlite3 transaction
 * (nothing else can interleave on the shared connection); PostgreSQL awaits each statement on one
 * pooled client. Statements whose text never changes become named prepared statements there.
 */
export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
  /**
   * Planned for its own values every time (PostgreSQL unnamed statement). For look-ups whose
   * best index depends on the table's size: a plan cached while a table was empty can keep
   * scanning a whole prefix once it is large.
   */
  readonly planEachTime?: boolean;
}

export type { StepResult } from '../../db/sql-driver';

export type Steps<T> = Generator<Statement, T, StepResult>;

export interface StatementOptions {
  planEachTime?: boolean;
}

/** For look-ups by key lists and rare paths: planned with their values, whatever the tables' size. */
export const FRESH_PLAN: StatementOptions = { planEachTime: true };

export function q(sql: string, params: readonly unknown[] = [], options: StatementOptions = {}): Statement {
  return options.planEachTime ? { sql, params, planEachTime: true } : { sql, params };
}

/** Runs one statement inside a generator and hands back its rows. */
export function* rows(sql: string, params: readonly unknown[] = [], options: StatementOptions = {}): Steps<Record<string, unknown>[]> {
  return (yield q(sql, params, options)).rows;
}

export function* rowsPlannedEachTime(sql: string, params: readonly unknown[] = []): Steps<Record<string, unknown>[]> {
  return yield* rows(sql, params, FRESH_PLAN);
}

export function* first(sql: string, params: readonly unknown[] = [], options: StatementOptions = {}): Steps<Record<string, unknown> | undefined> {
  return (yield q(sql, params, options)).rows[0];
}

export function* run(sql: string, params: readonly unknown[] = []): Steps<number> {
  return (yield q(sql, params)).affected;
}

/** `CAST(? AS timestamptz)` where PostgreSQL cannot infer a parameter's type (select lists). */
export function instantParam(kind: DbKind): string {
  return kind === 'postgres' ? 'CAST(? AS timestamptz)' : '?';
}

export function textParam(kind: DbKind): string {
  return kind === 'postgres' ? 'CAST(? AS text)' : '?';
}

export function intParam(kind: DbKind): string {
  return kind === 'postgres' ? 'CAST(? AS integer)' : '?';
}

/** `IN (…)` over a JSON array of strings passed as one parameter, so the SQL text stays fixed. */
export function inJsonList(kind: DbKind): string {
  return kind === 'postgres' ? 'IN (SELECT json_array_elements_text(CAST(? AS json)))' : 'IN (SELECT value FROM json_each(?))';
}

export function str(row: Record<string, unknown> | undefined, name: string): string {
  const value = row?.[name];
  if (typeof value !== 'string') throw new Error(`column ${name} is not text`);
  return value;
}

export function strOrNull(row: Record<string, unknown> | undefined, name: string): string | null {
  const value = row?.[name];
  return value === null || value === undefined ? null : String(value);
}

export function num(row: Record<string, unknown> | undefined, name: string): number {
  const value = Number(row?.[name]);
  if (!Number.isFinite(value)) throw new Error(`column ${name} is not a number`);
  return value;
}

export function numOrNull(row: Record<string, unknown> | undefined, name: string): number | null {
  const value = row?.[name];
  return value === null || value === undefined ? null : Number(value);
}

/** An instant column as ISO text: SQLite stores text, the PostgreSQL pool parses timestamptz to ISO. */
export function isoOrNull(row: Record<string, unknown> | undefined, name: string): string | null {
  const value = row?.[name];
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : String(value);
}
