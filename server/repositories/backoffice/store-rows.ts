import type { Db } from '../../db/database';
import { afterKey, decodeCursor, toPage, type KeysetOrder, type Page } from '../../db/keyset-page';
import { failure, type Outcome } from '../../use-cases/outcome';
import { ok } from '../../../core/result';

export interface StoreView {
  id: string;
  name: string;
  address: string;
  timeZone: string;
  businessHours: Record<string, { open: string; close: string } | null> | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

const ORDER: KeysetOrder = { columns: ['s.created_at', 's.id'], direction: 'asc' };

/** Which stores a caller may see: all of the merchant's, or a manager's assigned ones. */
export type StoreScope = { merchantId: string; storeIds: readonly string[] | null };

function storeQuery(db: Db, scope: StoreScope) {
  let query = db.kysely
    .selectFrom('stores as s')
    .innerJoin('merchants as m', 'm.merchant_id', 's.merchant_id')
    .select(['s.id', 's.name', 's.address', 's.time_zone', 'm.time_zone as merchant_time_zone', 's.business_hours', 's.active', 's.created_at', 's.updated_at'])
    .where('s.merchant_id', '=', scope.merchantId);
  if (scope.storeIds) query = query.where('s.id', 'in', scope.storeIds.length > 0 ? [...scope.storeIds] : ['']);
  return query;
}

type Row = Awaited<ReturnType<ReturnType<typeof storeQuery>['executeTakeFirstOrThrow']>>;

function toView(row: Row): StoreView {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    timeZone: row.time_zone ?? row.merchant_time_zone,
    businessHours: row.business_hours ? (JSON.parse(row.business_hours) as StoreView['businessHours']) : null,
    active: Number(row.active) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at ?? row.created_at,
  };
}

export async function findStore(db: Db, scope: StoreScope, storeId: string): Promise<StoreView | undefined> {
  const row = await storeQuery(db, scope).where('s.id', '=', storeId).executeTakeFirst();
  return row ? toView(row) : undefined;
}

export async function listStores(
  db: Db,
  scope: StoreScope,
  page: { limit: number; cursor?: string | undefined; active?: boolean | undefined },
): Promise<Outcome<Page<StoreView>>> {
  let query = storeQuery(db, scope);
  if (page.active !== undefined) query = query.where('s.active', '=', page.active ? 1 : 0);
  if (page.cursor) {
    const key = decodeCursor(page.cursor, ORDER);
    if (!key.ok) return key;
    query = query.where(afterKey(ORDER, key.value));
  }
  const rows = await query.orderBy('s.created_at').orderBy('s.id').limit(page.limit + 1).execute();
  return ok(toPage(rows, page.limit, (r) => [r.created_at, r.id], toView));
}

export const STORE_NOT_FOUND = () => failure('STORE_NOT_FOUND', 'no store with this id');
