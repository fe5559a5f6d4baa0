import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../db-kind';

/**
 * The voucher lifecycle: sellable campaigns, orders and their reservations, per-buyer counters,
 * members, channel secrets and events, merchant signing keys, and the notification outbox.
 * Every table carries merchant_id and every key leads with it.
 */
export function lifecycle(kind: DbKind): Migration {
  const instant = kind === 'postgres' ? 'timestamptz' : 'text';

  return {
    async up(db: Kysely<unknown>) {
      const soldWithinStockOnColumn = kind === 'sqlite' ? ' and (total_stock is null or sold_count <= total_stock)' : '';
      // SQLite cannot add table constraints to an existing table, so each check sits on its column.
      const campaignColumns: [string, string, string][] = [
        ['total_stock', 'integer', 'check (total_stock is null or total_stock >= 0)'],
        ['sold_count', 'integer', `not null default 0 check (sold_count >= 0${soldWithinStockOnColumn})`],
        ['per_buyer_limit', 'integer', 'check (per_buyer_limit is null or per_buyer_limit >= 1)'],
        ['sale_starts_at', instant, ''],
        ['sale_ends_at', instant, ''],
        ['payment_window_seconds', 'integer', 'not null default 900 check (payment_window_seconds >= 10)'],
        ['validity_rules', 'text', `not null default '{}'`],
        ['group_price_tiers', 'text', ''],
        ['min_spend_fen', 'integer', 'check (min_spend_fen is null or min_spend_fen >= 0)'],
        ['status', 'text', `not null default 'published' check (status in ('draft', 'published', 'ended'))`],
        ['updated_at', instant, ''],
      ];
      for (const [name, type, rest] of campaignColumns) {
        await sql.raw(`alter table campaigns add column ${name} ${type} ${rest}`).execute(db);
      }
      // The public flash-sale route names only the campaign; its merchant is found through this.
      await db.schema.createIndex('campaigns_id_idx').on('campaigns').column('id').execute();
      if (kind === 'postgres') {
        await sql`alter table campaigns add constraint campaigns_sold_within_stock check (total_stock is null or sold_count <= total_stock)`.execute(db);
      }

      await db.schema
        .createTable('members')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('first_order_id', 'text')
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('updated_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('members_pk', ['merchant_id', 'id'])
        .addUniqueConstraint('members_phone_uq', ['merchant_id', 'phone'])
        .execute();

      // A member's platform handles, one row each: a handle belongs to one member per channel.
      await db.schema
        .createTable('member_handles')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('handle', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('member_handles_pk', ['merchant_id', 'channel', 'handle'])
        .addForeignKeyConstraint('member_handles_member_fk', ['merchant_id', 'member_id'], 'members', ['merchant_id', 'id'])
        .execute();
      await db.schema.createIndex('member_handles_member_idx').on('member_handles').columns(['merchant_id', 'member_id']).execute();

      await db.schema
        .createTable('orders')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('external_order_id', 'text')
        .addColumn('buyer_phone', 'text', (c) => c.notNull())
        .addColumn('buyer_handle', 'text')
        .addColumn('member_id', 'text')
        .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity >= 1`))
        .addColumn('unit_price_fen', 'integer', (c) => c.notNull().check(sql`unit_price_fen >= 0`))
        .addColumn('state', 'text', (c) =>
          c.notNull().check(sql`state in ('reserved', 'paid', 'expired', 'refunded', 'partly_refunded')`),
        )
        .addColumn('refunded_quantity', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('expires_at', instant)
        .addColumn('paid_at', instant)
        .addColumn('refunded_at', instant)
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('updated_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('orders_pk', ['merchant_id', 'id'])
        .addUniqueConstraint('orders_external_uq', ['merchant_id', 'channel', 'external_order_id'])
        .addCheckConstraint('orders_refunded_within_quantity', sql`refunded_quantity >= 0 and refunded_quantity <= quantity`)
        .addForeignKeyConstraint('orders_campaign_fk', ['merchant_id', 'campaign_id'], 'campaigns', ['merchant_id', 'id'])
        .addForeignKeyConstraint('orders_member_fk', ['merchant_id', 'member_id'], 'members', ['merchant_id', 'id'])
        .execute();
      await db.schema.createIndex('orders_campaign_idx').on('orders').columns(['merchant_id', 'campaign_id', 'created_at']).execute();
      await db.schema.createIndex('orders_phone_idx').on('orders').columns(['merchant_id', 'buyer_phone']).execute();
      // The expiry job scans all merchants' open reservations by deadline.
      await db.schema
        .createIndex('orders_reserved_expiry_idx')
        .on('orders')
        .column('expires_at')
        .where(sql.ref('state'), '=', 'reserved')
        .execute();

      // Units held (reserved or paid) per buyer and campaign, once by phone and once by handle.
      await db.schema
        .createTable('buyer_counters')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('buyer_kind', 'text', (c) => c.notNull().check(sql`buyer_kind in ('phone', 'handle')`))
        .addColumn('buyer_key', 'text', (c) => c.notNull())
        .addColumn('units', 'integer', (c) => c.notNull().check(sql`units >= 0`))
        .addPrimaryKeyConstraint('buyer_counters_pk', ['merchant_id', 'campaign_id', 'buyer_kind', 'buyer_key'])
        .execute();

      await db.schema
        .createTable('channel_secrets')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'retired')`))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('retired_at', instant)
        .addPrimaryKeyConstraint('channel_secrets_pk', ['merchant_id', 'channel', 'id'])
        .execute();

      // Accepted webhook events; the primary key makes a replayed event id a no-op.
      await db.schema
        .createTable('channel_events')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('external_order_id', 'text', (c) => c.notNull())
        .addColumn('order_id', 'text')
        .addColumn('payload_sha256', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('received_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('channel_events_pk', ['merchant_id', 'channel', 'event_id'])
        .execute();

      await db.schema
        .createTable('merchant_keys')
        .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.merchant_id'))
        .addColumn('kid', 'text', (c) => c.notNull())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('private_key_enc', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'retired')`))
        .addColumn('not_after', instant)
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('retired_at', instant)
        .addPrimaryKeyConstraint('merchant_keys_pk', ['merchant_id', 'kid'])
        .execute();
      await db.schema
        .createIndex('merchant_keys_one_active_uq')
        .on('merchant_keys')
        .column('merchant_id')
        .unique()
        .where(sql.ref('status'), '=', 'active')
        .execute();

      for (const [name, type] of [
        ['order_id', 'text'],
        ['member_id', 'text'],
        ['qr_token', 'text'],
      ] as const) {
        await sql.raw(`alter table vouchers add column ${name} ${type}`).execute(db);
      }
      await db.schema.createIndex('vouchers_order_idx').on('vouchers').columns(['merchant_id', 'order_id']).execute();
      await db.schema.createIndex('vouchers_member_idx').on('vouchers').columns(['merchant_id', 'member_id']).execute();

      await db.schema
        .createTable('notifications')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('event_key', 'text', (c) => c.notNull())
        .addColumn('voucher_id', 'text')
        .addColumn('order_id', 'text')
        .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('sms', 'dm')`))
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('template', 'text', (c) => c.notNull())
        // JSON; the voucher code is read from the voucher at send time, never stored here.
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('queued', 'sent', 'delivered', 'failed')`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', instant, (c) => c.notNull())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', instant)
        .addColumn('provider', 'text')
        .addColumn('provider_message_id', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('updated_at', instant, (c) => c.notNull())
        .addColumn('sent_at', instant)
        .addColumn('delivered_at', instant)
        .addPrimaryKeyConstraint('notifications_pk', ['merchant_id', 'id'])
        .addUniqueConstraint('notifications_event_uq', ['merchant_id', 'event_key'])
        .execute();
      await db.schema
        .createIndex('notifications_due_idx')
        .on('notifications')
        .column('next_attempt_at')
        .where(sql.ref('state'), '=', 'queued')
        .execute();
      // Delivery callbacks name only the provider's message id.
      await db.schema
        .createIndex('notifications_provider_msg_idx')
        .on('notifications')
        .columns(['provider', 'provider_message_id'])
        .execute();
      await db.schema
        .createIndex('notifications_voucher_idx')
        .on('notifications')
        .columns(['merchant_id', 'voucher_id', 'created_at'])
        .execute();
    },

    async down(db: Kysely<unknown>) {
      for (const table of ['notifications', 'merchant_keys', 'channel_events', 'channel_secrets', 'buyer_counters', 'orders', 'member_handles', 'members']) {
        await db.schema.dropTable(table).execute();
      }
      for (const index of ['vouchers_order_idx', 'vouchers_member_idx']) await db.schema.dropIndex(index).execute();
      for (const column of ['order_id', 'member_id', 'qr_token']) {
        await db.schema.alterTable('vouchers').dropColumn(column).execute();
      }
      await db.schema.dropIndex('campaigns_id_idx').execute();
      if (kind === 'postgres') await sql`alter table campaigns drop constraint campaigns_sold_within_stock`.execute(db);
      for (const column of ['total_stock', 'sold_count', 'per_buyer_limit', 'sale_starts_at', 'sale_ends_at', 'payment_window_seconds', 'validity_rules', 'group_price_tiers', 'min_spend_fen', 'status', 'updated_at']) {
        await db.schema.alterTable('campaigns').dropColumn(column).execute();
      }
    },
  };
}
