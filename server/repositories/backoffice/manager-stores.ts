import type { Db } from '../../db/database';

/** Statements that make a manager's assigned stores exactly `storeIds` (all of them this merchant's). */
export function replaceManagerStores(db: Db, merchantId: string, userId: string, storeIds: readonly string[], at: string) {
  const clear = db.kysely.deleteFrom('merchant_user_stores').where('merchant_id', '=', merchantId).where('user_id', '=', userId).compile();
  if (storeIds.length === 0) return [clear];
  const insert = db.kysely
    .insertInto('merchant_user_stores')
    .values([...new Set(storeIds)].map((storeId) => ({ merchant_id: merchantId, user_id: userId, store_id: storeId, created_at: at })))
    .compile();
  return [clear, insert];
}
