import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../db-kind';

/** Group-price settlement: one decision per campaign and an append-only refund row per paid order. */
export function settlements(kind: DbKind): Migration {
  const instant = kind === 'postgres' ? 'timestamptz' : 'text';

  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('group_price_settlements')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('list_price_fen', 'integer', (c) => c.notNull().check(sql`list_price_fen >= 0`))
        .addColumn('buyer_count', 'integer', (c) => c.notNull().check(sql`buyer_count >= 0`))
        .addColumn('tier_min_buyers', 'integer')
        .addColumn('final_price_fen', 'integer', (c) => c.notNull().check(sql`final_price_fen >= 0`))
        .addColumn('refund_count', 'integer', (c) => c.notNull().check(sql`refund_count >= 0`))
        .addColumn('total_refund_fen', 'bigint', (c) => c.notNull().check(sql`total_refund_fen >= 0`))
        .addColumn('settled_at', instant, (c) => c.notNull())
        .addColumn('settled_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('group_price_settlements_pk', ['merchant_id', 'campaign_id'])
        .addForeignKeyConstraint('group_price_settlements_campaign_fk', ['merchant_id', 'campaign_id'], 'campaigns', [
          'merchant_id',
          'id',
        ])
        .execute();

      await db.schema
        .createTable('group_price_refunds')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('buyer_phone', 'text', (c) => c.notNull())
        .addColumn('units', 'integer', (c) => c.notNull().check(sql`units >= 1`))
        .addColumn('paid_unit_price_fen', 'integer', (c) => c.notNull())
        .addColumn('final_unit_price_fen', 'integer', (c) => c.notNull())
        .addColumn('refund_fen', 'bigint', (c) => c.notNull().check(sql`refund_fen > 0`))
        .addColumn('created_at', instant, (c) => c.notNull())
        // One row per order and campaign: running the settlement again cannot add a second one.
        .addPrimaryKeyConstraint('group_price_refunds_pk', ['merchant_id', 'campaign_id', 'order_id'])
        .addForeignKeyConstraint('group_price_refunds_order_fk', ['merchant_id', 'order_id'], 'orders', ['merchant_id', 'id'])
        .execute();
    },

    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('group_price_refunds').execute();
      await db.schema.dropTable('group_price_settlements').execute();
    },
  };
}
