import type { DbKind } from '../../db/db-kind';
import type { StepResult } from '../../db/sql-driver';

/**
 * A transaction written once for both dialects: a generator yields statements (`?` placeholders)
 * and receives each result. SQLite runs it synchronously inside one better-sqlite3 transaction;
 * PostgreSQL awaits each statement on one pooled client. Logic between statements is plain code.
 */
export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
  /** Fixed SQL text: PostgreSQL keeps it as a named prepared statement. */
  readonly prepared: boolean;
}

export type { StepResult } from '../../db/sql-driver';

export type SqlScript<T> = Generator<Statement, T, StepResult>;

/** A business refusal decided mid-script: the script's writes are rolled back and `answer` returned. */
export class ScriptRefusal<A> extends Error {
  constructor(readonly answer: A) {
    super('script refused');
  }
}

/** A row changed between a script's read and its conditional write: run the script again. */
export class ScriptConflict extends Error {}

export function stmt(sql: string, params: readonly unknown[] = []): Statement {
  return { sql, params, prepared: true };
}

/** SQL whose text varies with its input (list lengths): not worth a prepared statement. */
export function dynamicStmt(sql: string, params: readonly unknown[] = []): Statement {
  return { sql, params, prepared: false };
}

/** A row source from a JSON array of objects, for multi-row writes with fixed SQL text (instants as ISO text). */
export function jsonRows(kind: DbKind, columns: Record<string, 'text' | 'integer' | 'instant'>): { from: string; col: (name: string) => string } {
  if (kind === 'postgres') {
    const spec = Object.entries(columns)
      .map(([name, type]) => `${name} ${type === 'instant' ? 'timestamptz' : type}`)
      .join(', ');
    return { from: `json_to_recordset(CAST(? AS json)) AS j(${spec})`, col: (name) => `j.${name}` };
  }
  return { from: 'json_each(?) AS j', col: (name) => `json_extract(j.value, '$.${name}')` };
}

/** `col IN (<this>)` over a JSON array of strings given as one parameter. */
export function jsonTextList(kind: DbKind): string {
  return kind === 'postgres' ? 'SELECT json_array_elements_text(CAST(? AS json))' : 'SELECT value FROM json_each(?)';
}

/** A parameter standing for an instant where PostgreSQL cannot infer its type (select lists). */
export function instantParam(kind: DbKind): string {
  return kind === 'postgres' ? 'CAST(? AS timestamptz)' : '?';
}

/** ` FOR NO KEY UPDATE OF <alias>` on PostgreSQL (SQLite serialises writers anyway). */
export function lockRow(kind: DbKind, alias: string): string {
  // NO KEY UPDATE: inserts that reference the row (foreign keys take KEY SHARE) need not wait.
  return kind === 'postgres' ? ` FOR NO KEY UPDATE OF ${alias}` : '';
}

export function one(result: StepResult): Record<string, unknown> | undefined {
  return result.rows[0];
}

export function text(row: Record<string, unknown> | undefined, name: string): string {
  const value = row?.[name];
  if (typeof value !== 'string') throw new Error(`column ${name} is not text`);
  return value;
}

export function textOrNull(row: Record<string, unknown> | undefined, name: string): string | null {
  const value = row?.[name];
  return value === null || value === undefined ? null : String(value);
}

export function int(row: Record<string, unknown> | undefined, name: string): number {
  const value = Number(row?.[name]);
  if (!Number.isFinite(value)) throw new Error(`column ${name} is not a number`);
  return value;
}

export function intOrNull(row: Record<string, unknown> | undefined, name: string): number | null {
  const value = row?.[name];
  return value === null || value === undefined ? null : Number(value);
}
