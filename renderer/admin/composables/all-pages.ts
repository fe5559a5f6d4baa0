import { ok } from '../../../core/result';
import type { ApiResult } from '../../shared/api/api-error';

/** Every item of a keyset-paged list (stores, users: short lists a filter picks from). */
export async function allPages<T>(page: (cursor: string | null) => Promise<ApiResult<{ items: T[]; nextCursor: string | null }>>): Promise<ApiResult<T[]>> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const next = await page(cursor);
    if (!next.ok) return next;
    items.push(...next.value.items);
    cursor = next.value.nextCursor;
  } while (cursor);
  return ok(items);
}
