import { sql, type Expression, type SqlBool } from 'kysely';
import { decodeBase64url, encodeBase64url } from '../../core/base64url';
import { ok } from '../../core/result';
import { failure, type Outcome } from '../use-cases/outcome';

/**
 * Keyset paging for every back-office list: rows are ordered by a unique key (for example
 * `server_time desc, redemption_id desc`), and a page's cursor holds the last row's key values, so
 * the next page starts strictly after it — every row exactly once, whatever is inserted meanwhile.
 * Offsets (and filtering on one column while ordering by another) skip and repeat rows.
 */
export type KeyValue = string | number;

export interface KeysetOrder {
  /** Qualified column references, most significant first; together they must be unique. */
  columns: readonly string[];
  direction: 'asc' | 'desc';
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export function encodeCursor(values: readonly KeyValue[]): string {
  return encodeBase64url(new TextEncoder().encode(JSON.stringify(values)));
}

/** The key values a cursor holds, or CURSOR_INVALID when it was not made by `encodeCursor` for this order. */
export function decodeCursor(cursor: string, order: KeysetOrder): Outcome<KeyValue[]> {
  const values = parseCursor(cursor);
  const valid =
    Array.isArray(values) &&
    values.length === order.columns.length &&
    values.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)));
  return valid ? ok(values as KeyValue[]) : failure('CURSOR_INVALID', 'this page cursor is not valid for this list; start from the first page');
}

function parseCursor(cursor: string): unknown {
  const bytes = cursor.length <= 1000 ? decodeBase64url(cursor) : null;
  if (!bytes) return null;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
}

/** `(a, b, c)` strictly after `(x, y, z)` in the order's direction, spelled out so SQLite and PostgreSQL agree. */
export function afterKey(order: KeysetOrder, values: readonly KeyValue[]): Expression<SqlBool> {
  const op = sql.raw(order.direction === 'desc' ? '<' : '>');
  const terms = order.columns.map((_, i) => {
    const equal = order.columns.slice(0, i).map((col, j) => sql`${sql.ref(col)} = ${values[j]}`);
    return sql.join([...equal, sql`${sql.ref(order.columns[i] ?? '')} ${op} ${values[i]}`], sql` and `);
  });
  // The leading bound on the first column says the same again, but as a plain range both planners
  // use to start the index walk at the cursor (an OR of terms alone can make them scan from the top).
  const first = sql`${sql.ref(order.columns[0] ?? '')} ${sql.raw(order.direction === 'desc' ? '<=' : '>=')} ${values[0]}`;
  return sql<SqlBool>`(${first} and (${sql.join(terms.map((t) => sql`(${t})`), sql` or `)}))`;
}

/**
 * Cuts a fetch of `limit + 1` rows into a page: the extra row only says another page exists.
 * `keyOf` returns the row's values for the order's columns.
 */
export function toPage<R, T>(rows: readonly R[], limit: number, keyOf: (row: R) => readonly KeyValue[], view: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(view), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
