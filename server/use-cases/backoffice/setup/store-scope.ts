import type { Db } from '../../../db/database';
import type { MerchantSession } from '../../../repositories/backoffice/merchant-session';
import type { StoreScope } from '../../../repositories/backoffice/store-rows';

/**
 * A manager's stores, by id: those assigned in the back office, and those where they hold an
 * offline-approval PIN (`store_managers`, set by the owner per store), which already let them run
 * that store's counter staff.
 */
export async function managerStoreIds(db: Db, merchantId: string, userId: string): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('merchant_user_stores')
    .select('store_id')
    .where('merchant_id', '=', merchantId)
    .where('user_id', '=', userId)
    .union(
      db.kysely
        .selectFrom('store_managers')
        .select('store_id')
        .where('merchant_id', '=', merchantId)
        .where('manager_id', '=', userId)
        .where('removed_at', 'is', null),
    )
    .execute();
  return rows.map((r) => r.store_id).sort();
}

/** What the caller may see: a manager only their assigned stores, every other role the whole merchant. */
export async function storeScopeOf(db: Db, session: MerchantSession): Promise<StoreScope> {
  const merchantId = session.merchant.id;
  if (session.user.role !== 'manager') return { merchantId, storeIds: null };
  return { merchantId, storeIds: await managerStoreIds(db, merchantId, session.user.id) };
}

export function inScope(scope: StoreScope, storeId: string): boolean {
  return scope.storeIds === null || scope.storeIds.includes(storeId);
}
