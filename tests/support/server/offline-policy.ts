import type { Db } from '../../../server/db/database';

/**
 * A store policy whose provisional caps no test run reaches, for tests about something else (a
 * push's durability, its speed) that push many beyond-lease redemptions from one terminal.
 */
export async function allowWideOffline(db: Db, merchantId: string, storeId: string): Promise<void> {
  await db.kysely
    .insertInto('store_policies')
    .values({
      merchant_id: merchantId,
      store_id: storeId,
      provisional_enabled: 1,
      max_count_per_terminal: 1_000_000,
      max_value_fen_per_terminal: 1_000_000_000,
      max_offline_hours: 24,
      manager_pin_above_fen: 1_000_000_000,
      reverse_window_minutes: 30,
      lease_multi_store: 0,
      lease_hours: 72,
      updated_at: new Date().toISOString(),
    })
    .onConflict((c) => c.columns(['merchant_id', 'store_id']).doUpdateSet({ max_count_per_terminal: 1_000_000, max_value_fen_per_terminal: 1_000_000_000, manager_pin_above_fen: 1_000_000_000 }))
    .execute();
}
