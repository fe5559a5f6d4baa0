import type { Db } from '../../db/database';
import type { MerchantSession } from './merchant-session';

/**
 * The stores a back-office user may see rows of: null for every store of the merchant (owner,
 * finance, support), else the stores a manager manages (possibly none). On this branch a manager's
 * stores are those where they hold a store-manager row; h/admin-setup adds stores assigned in the
 * back office (`managerStoreIds`), which this should return once both are merged.
 */
export async function visibleStoreIds(db: Db, session: MerchantSession): Promise<string[] | null> {
  if (session.user.role !== 'manager') return null;
  const rows = await db.kysely
    .selectFrom('store_managers')
    .select('store_id')
    .where('merchant_id', '=', session.merchant.id)
    .where('manager_id', '=', session.user.id)
    .where('removed_at', 'is', null)
    .execute();
  return rows.map((r) => r.store_id);
}
