import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../db-kind';

/**
 * The back office's figures read one merchant's day at a time: the ledger, counter sales and
 * refunds get an index on (merchant, when it happened at the counter), so a dashboard or a
 * statement reads that day's rows and no others. The redemption index holds every column the
 * dashboard groups by, so the day is read from the index alone.
 *
 * Channel webhook secrets become sealed at rest (`sealed` = 1: `secret` holds the AES-GCM box) and a
 * rotated-out secret stays valid until `not_after`. A published campaign can be paused (`paused_at`):
 * its flash sale refuses orders until it is resumed. The live panel's EventSource signs in with a
 * one-use ticket (`live_tickets`, shared by every node).
 */
export function backOfficeFigures(kind: DbKind): Migration {
  const instant = kind === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('redemptions_day_idx')
        .on('redemptions')
        .columns(['merchant_id', 'device_time', 'outcome', 'store_id', 'voucher_id', 'count'])
        .execute();
      await db.schema.createIndex('sales_day_idx').on('sales').columns(['merchant_id', 'device_time']).execute();
      await db.schema.createIndex('sale_refunds_day_idx').on('sale_refunds').columns(['merchant_id', 'device_time']).execute();
      await db.schema.alterTable('channel_secrets').addColumn('sealed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('channel_secrets').addColumn('not_after', sql.raw(instant)).execute();
      await db.schema.alterTable('campaigns').addColumn('paused_at', sql.raw(instant)).execute();
      // Refunds are few and written off the hot path: a partial index costs the flash sale nothing.
      await db.schema
        .createIndex('orders_refunded_idx')
        .on('orders')
        .columns(['merchant_id', 'refunded_at'])
        .where(sql.ref('refunded_at'), 'is not', null)
        .execute();
      await db.schema
        .createTable('live_tickets')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('session_hash', 'text', (c) => c.notNull())
        .addColumn('expires_at', sql.raw(instant), (c) => c.notNull())
        .addColumn('used_at', sql.raw(instant))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('live_tickets').execute();
      await db.schema.dropIndex('orders_refunded_idx').execute();
      await db.schema.alterTable('campaigns').dropColumn('paused_at').execute();
      for (const index of ['redemptions_day_idx', 'sales_day_idx', 'sale_refunds_day_idx']) await db.schema.dropIndex(index).execute();
      await db.schema.alterTable('channel_secrets').dropColumn('not_after').execute();
      await db.schema.alterTable('channel_secrets').dropColumn('sealed').execute();
    },
  };
}
