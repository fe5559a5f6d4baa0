import { z } from 'zod';
import { ok } from '../../../core/result';
import { decodeCursor, type KeysetOrder, type KeyValue } from '../../db/keyset-page';
import type { Outcome } from '../outcome';

/** `?limit=&cursor=` of every back-office list. */
export const PageQuery = {
  limit: z.coerce.number().int('a whole number').min(1).max(200).default(50),
  cursor: z.string().min(1).max(1000).optional(),
};

/** An instant given as ISO-8601 with an offset, kept as UTC `…Z` so it compares with stored instants on both databases. */
export const InstantParam = z.iso
  .datetime({ offset: true, message: 'an ISO-8601 date and time, e.g. 2026-12-01T00:00:00Z' })
  .transform((value) => new Date(value).toISOString());

/** The key to start after, or null for the first page; CURSOR_INVALID for a cursor of another list. */
export function startAfter(cursor: string | undefined, order: KeysetOrder): Outcome<KeyValue[] | null> {
  if (cursor === undefined) return ok(null);
  return decodeCursor(cursor, order);
}

/** A query string without its empty parameters: a form's untouched filter (`?storeId=`) means no filter. */
export function withoutBlanks(query: unknown): Record<string, unknown> {
  if (typeof query !== 'object' || query === null) return {};
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
}
