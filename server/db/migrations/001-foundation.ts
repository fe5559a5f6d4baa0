import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../db-kind';

/**
 * Merchants, stores, terminals, campaigns, vouchers, the redemption ledger and the audit log.
 * Every table carries merchant_id and every key leads with it, so the schema can be sharded by merchant.
 */
export function foundation(kind: DbKind): Migration {
  // SQLite would give a column declared `timestamptz` NUMERIC affinity; ISO text compares correctly as TEXT.
  const instant = kind === 'postgres' ? 'timestamptz' : 'text';

  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('merchants')
        .addColumn('merchant_id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai'))
        .addColumn('created_at', instant, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('stores')
        .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.merchant_id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('stores_pk', ['merchant_id', 'id'])
        .execute();

      await db.schema
        .createTable('terminals')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text')
        .addColumn('pairing_code_hash', 'text')
        .addColumn('pairing_expires_at', instant)
        .addColumn('paired_at', instant)
        .addColumn('created_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('terminals_pk', ['merchant_id', 'id'])
        .addForeignKeyConstraint('terminals_store_fk', ['merchant_id', 'store_id'], 'stores', ['merchant_id', 'id'])
        .execute();
      // Look-ups by credential come before the merchant is known, so these two are global.
      await db.schema.createIndex('terminals_token_hash_uq').on('terminals').column('token_hash').unique().execute();
      await db.schema
        .createIndex('terminals_pairing_code_hash_uq')
        .on('terminals')
        .column('pairing_code_hash')
        .unique()
        .execute();

      await db.schema
        .createTable('campaigns')
        .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.merchant_id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('product', 'cash')`))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('price_fen', 'integer', (c) => c.notNull().check(sql`price_fen >= 0`))
        .addColumn('face_value_fen', 'integer', (c) => c.notNull().check(sql`face_value_fen >= 0`))
        .addColumn('uses_per_voucher', 'integer', (c) => c.notNull().check(sql`uses_per_voucher >= 1`))
        .addColumn('valid_from', instant, (c) => c.notNull())
        .addColumn('valid_until', instant, (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('campaigns_pk', ['merchant_id', 'id'])
        .execute();

      await db.schema
        .createTable('campaign_stores')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_stores_pk', ['merchant_id', 'campaign_id', 'store_id'])
        .addForeignKeyConstraint('campaign_stores_campaign_fk', ['merchant_id', 'campaign_id'], 'campaigns', [
          'merchant_id',
          'id',
        ])
        .addForeignKeyConstraint('campaign_stores_store_fk', ['merchant_id', 'store_id'], 'stores', ['merchant_id', 'id'])
        .execute();

      await db.schema
        .createTable('vouchers')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('uses', 'integer', (c) => c.notNull().check(sql`uses >= 1`))
        .addColumn('redeemed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'void', 'exhausted')`))
        .addColumn('valid_from', instant, (c) => c.notNull())
        .addColumn('valid_until', instant, (c) => c.notNull())
        .addColumn('buyer_phone', 'text')
        .addColumn('home_store_id', 'text')
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('updated_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('vouchers_pk', ['merchant_id', 'id'])
        .addUniqueConstraint('vouchers_code_uq', ['merchant_id', 'code'])
        .addCheckConstraint('vouchers_redeemed_within_uses', sql`redeemed >= 0 and redeemed <= uses`)
        .addForeignKeyConstraint('vouchers_campaign_fk', ['merchant_id', 'campaign_id'], 'campaigns', ['merchant_id', 'id'])
        .addForeignKeyConstraint('vouchers_home_store_fk', ['merchant_id', 'home_store_id'], 'stores', [
          'merchant_id',
          'id',
        ])
        .execute();

      await db.schema
        .createTable('redemptions')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('redemption_id', 'text', (c) => c.notNull())
        .addColumn('voucher_id', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull().check(sql`count >= 1`))
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('cashier_id', 'text')
        .addColumn('device_time', instant, (c) => c.notNull())
        .addColumn('server_time', instant, (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('online', 'offline')`))
        .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('accepted', 'conflict', 'rejected')`))
        .addColumn('remaining_after', 'integer', (c) => c.notNull())
        .addColumn('request_fingerprint', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('redemptions_pk', ['merchant_id', 'redemption_id'])
        .addForeignKeyConstraint('redemptions_voucher_fk', ['merchant_id', 'voucher_id'], 'vouchers', ['merchant_id', 'id'])
        .addForeignKeyConstraint('redemptions_terminal_fk', ['merchant_id', 'terminal_id'], 'terminals', [
          'merchant_id',
          'id',
        ])
        .execute();
      await db.schema
        .createIndex('redemptions_voucher_idx')
        .on('redemptions')
        .columns(['merchant_id', 'voucher_id'])
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('at', instant, (c) => c.notNull())
        .addColumn('actor_type', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text')
        .addColumn('details', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_log_pk', ['merchant_id', 'id'])
        .execute();
    },

    async down(db: Kysely<unknown>) {
      for (const table of ['audit_log', 'redemptions', 'vouchers', 'campaign_stores', 'campaigns', 'terminals', 'stores', 'merchants']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
