import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../db-kind';

/** Indexes named here, created in `up` and dropped in `down`: each serves one keyset-paged back-office list. */
const INDEXES: { name: string; table: string; columns: string[] }[] = [
  // The redemption ledger, newest first, for the whole merchant or one store / terminal / cashier.
  { name: 'redemptions_time_idx', table: 'redemptions', columns: ['merchant_id', 'server_time', 'redemption_id'] },
  { name: 'redemptions_store_time_idx', table: 'redemptions', columns: ['merchant_id', 'store_id', 'server_time', 'redemption_id'] },
  { name: 'redemptions_terminal_time_idx', table: 'redemptions', columns: ['merchant_id', 'terminal_id', 'server_time', 'redemption_id'] },
  { name: 'redemptions_cashier_time_idx', table: 'redemptions', columns: ['merchant_id', 'cashier_id', 'server_time', 'redemption_id'] },
  // The ledger filtered by campaign looks up the campaign's vouchers.
  { name: 'vouchers_campaign_idx', table: 'vouchers', columns: ['merchant_id', 'campaign_id'] },
  // The conflict queue pages by the offline redemption's server time.
  { name: 'redemption_conflicts_time_idx', table: 'redemption_conflicts', columns: ['merchant_id', 'server_time', 'redemption_id'] },
  // Members newest first, and a member's counter sales.
  { name: 'members_created_idx', table: 'members', columns: ['merchant_id', 'created_at', 'id'] },
  { name: 'sales_member_time_idx', table: 'sales', columns: ['merchant_id', 'member_id', 'server_time', 'id'] },
  { name: 'member_points_member_at_idx', table: 'member_points', columns: ['merchant_id', 'member_id', 'at', 'id'] },
];

/**
 * Back-office data: indexes for the ledger and the other paged lists, the decision a reviewer
 * takes on a conflict, and member tags (set in the back office only).
 */
export function backofficeData(kind: DbKind): Migration {
  const instant = kind === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>) {
      for (const index of INDEXES) await db.schema.createIndex(index.name).on(index.table).columns(index.columns).execute();
      await db.schema
        .alterTable('redemption_conflicts')
        .addColumn('decision', 'text', (c) => c.check(sql`decision in ('accept_loss', 'recovered_from_customer', 'staff_error')`))
        .execute();
      await db.schema
        .createTable('member_tags')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('tag', 'text', (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('member_tags_pk', ['merchant_id', 'member_id', 'tag'])
        .addForeignKeyConstraint('member_tags_member_fk', ['merchant_id', 'member_id'], 'members', ['merchant_id', 'id'])
        .execute();
      await db.schema.createIndex('member_tags_tag_idx').on('member_tags').columns(['merchant_id', 'tag']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('member_tags').execute();
      await db.schema.alterTable('redemption_conflicts').dropColumn('decision').execute();
      for (const index of INDEXES) await db.schema.dropIndex(index.name).execute();
    },
  };
}
