import type { Db } from '../../db/database';
import type { MerchantSession } from './merchant-session';

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

/** The stores a back-office user may see rows of: null for every store (owner, finance, support), else a manager's stores. */
export async function visibleStoreIds(db: Db, session: MerchantSession): Promise<string[] | null> {
  if (session.user.role !== 'manager') return null;
  return managerStoreIds(db, session.merchant.id, session.user.id);
}
