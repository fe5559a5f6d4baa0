import { z } from 'zod';

/**
 * A position in the change log: on PostgreSQL the writing transaction's id and the row id (rows are
 * served in that order, only below the commit-safe watermark); on SQLite the row id alone.
 */
export interface LogPosition {
  xid: string | null;
  id: number;
}

const Position = { m: z.string(), s: z.string(), x: z.string().regex(/^\d{1,20}$/).nullable(), i: z.number().int().min(0) };

const TailCursor = z.object({ v: z.literal(1), t: z.literal('tail'), ...Position });

/** A snapshot in progress: `k` the kind being listed, `a` the last id sent, `d` of `n` rows done; x/i where the tail starts. */
const SnapshotCursor = z.object({
  v: z.literal(1),
  t: z.literal('snap'),
  ...Position,
  k: z.number().int().min(0),
  a: z.string().max(128),
  d: z.number().int().min(0),
  n: z.number().int().min(0),
});

export const Cursor = z.discriminatedUnion('t', [TailCursor, SnapshotCursor]);
export type Cursor = z.infer<typeof Cursor>;
export type TailCursor = z.infer<typeof TailCursor>;
export type SnapshotCursor = z.infer<typeof SnapshotCursor>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** null when the text is not a cursor this server wrote. */
export function decodeCursor(text: string): Cursor | null {
  try {
    const parsed = Cursor.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function positionOf(cursor: Cursor): LogPosition {
  return { xid: cursor.x, id: cursor.i };
}

/** Whether a is strictly before b in log order. */
export function before(a: LogPosition, b: LogPosition): boolean {
  return atOrBefore(a, b) && !(a.id === b.id && a.xid === b.xid);
}

/** Whether a is at or before b in log order. */
export function atOrBefore(a: LogPosition, b: LogPosition): boolean {
  if (a.xid !== null && b.xid !== null && a.xid !== b.xid) return BigInt(a.xid) < BigInt(b.xid);
  return a.id <= b.id;
}
