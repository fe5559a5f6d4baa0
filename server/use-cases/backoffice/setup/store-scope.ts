import type { Db } from '../../../db/database';
import type { MerchantSession } from '../../../repositories/backoffice/merchant-session';
import type { StoreScope } from '../../../repositories/backoffice/store-rows';
import { managerStoreIds } from '../../../repositories/backoffice/store-scope';

export { managerStoreIds };

/** What the caller may see: a manager only their assigned stores, every other role the whole merchant. */
export async function storeScopeOf(db: Db, session: MerchantSession): Promise<StoreScope> {
  const merchantId = session.merchant.id;
  if (session.user.role !== 'manager') return { merchantId, storeIds: null };
  return { merchantId, storeIds: await managerStoreIds(db, merchantId, session.user.id) };
}

export function inScope(scope: StoreScope, storeId: string): boolean {
  return scope.storeIds === null || scope.storeIds.includes(storeId);
}
