import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../db-kind';
import { counterSyncTriggers } from './005-counter-triggers';

type Db = Kysely<unknown>;
type Instant = 'timestamptz' | 'text';

/**
 * The counter: catalog (categories, items with barcode and pinyin initials, availability per
 * store), sales with lines, payments, refunds (append-only), members' counter fields with a points
 * ledger and enrolment aliases (the same phone enrolled at two stores), shifts and cash moves,
 * terminal users with hashed PINs and lockout, the merchant's counter settings.
 */
export function counter(kind: DbKind): Migration {
  const instant: Instant = kind === 'postgres' ? 'timestamptz' : 'text';
  const money = 'bigint';
  return {
    async up(db: Db) {
      await db.schema
        .createTable('counter_settings')
        .addColumn('merchant_id', 'text', (c) => c.primaryKey())
        .addColumn('discount_pin_above_fen', money, (c) => c.notNull().check(sql`discount_pin_above_fen >= 0`))
        .addColumn('earn_fen_per_point', 'integer', (c) => c.notNull().check(sql`earn_fen_per_point >= 0`))
        .addColumn('redeem_fen_per_point', 'integer', (c) => c.notNull().check(sql`redeem_fen_per_point >= 0`))
        .addColumn('restore_voucher_on_refund', 'integer', (c) => c.notNull().check(sql`restore_voucher_on_refund in (0, 1)`))
        .addColumn('pin_max_failures', 'integer', (c) => c.notNull().check(sql`pin_max_failures >= 1`))
        .addColumn('pin_lock_minutes', 'integer', (c) => c.notNull().check(sql`pin_lock_minutes >= 1`))
        .addColumn('updated_at', instant, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('catalog_categories')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('catalog_categories_pk', ['merchant_id', 'id'])
        .execute();

      await db.schema
        .createTable('catalog_items')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('category_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('pinyin_initials', 'text', (c) => c.notNull())
        .addColumn('barcode', 'text')
        .addColumn('price_fen', money, (c) => c.notNull().check(sql`price_fen >= 0`))
        .addColumn('tax_free', 'integer', (c) => c.notNull().defaultTo(1).check(sql`tax_free in (0, 1)`))
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1).check(sql`active in (0, 1)`))
        .addColumn('updated_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('catalog_items_pk', ['merchant_id', 'id'])
        .addForeignKeyConstraint('catalog_items_category_fk', ['merchant_id', 'category_id'], 'catalog_categories', ['merchant_id', 'id'])
        .execute();
      await db.schema.createIndex('catalog_items_barcode_idx').on('catalog_items').columns(['merchant_id', 'barcode']).execute();

      // No row: available everywhere. A row says whether this store sells the item.
      await db.schema
        .createTable('catalog_item_stores')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('available', 'integer', (c) => c.notNull().check(sql`available in (0, 1)`))
        .addPrimaryKeyConstraint('catalog_item_stores_pk', ['merchant_id', 'item_id', 'store_id'])
        .addForeignKeyConstraint('catalog_item_stores_item_fk', ['merchant_id', 'item_id'], 'catalog_items', ['merchant_id', 'id'])
        .execute();

      for (const [name, type] of [
        ['name', 'text'],
        ['gender', `text not null default 'unknown'`],
        ['birthday', 'text'],
        ['note', 'text'],
        ['level', `text not null default '普通'`],
        ['points', 'bigint not null default 0'],
        ['visits', 'integer not null default 0'],
        ['version', 'integer not null default 1'],
        ['field_versions', `text not null default '{}'`],
        ['home_store_id', 'text'],
      ] as const) {
        await sql.raw(`alter table members add column ${name} ${type}`).execute(db);
      }

      // Every id a terminal made for a member (its enrolment), and the member it is now.
      await db.schema
        .createTable('member_aliases')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('alias_id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text')
        .addColumn('terminal_id', 'text')
        .addColumn('created_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('member_aliases_pk', ['merchant_id', 'alias_id'])
        .addForeignKeyConstraint('member_aliases_member_fk', ['merchant_id', 'member_id'], 'members', ['merchant_id', 'id'])
        .execute();

      await db.schema
        .createTable('member_points')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('delta', 'bigint', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('earn', 'spend', 'refund_reverse', 'refund_restore')`))
        .addColumn('sale_id', 'text')
        .addColumn('refund_id', 'text')
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('member_points_pk', ['merchant_id', 'id'])
        .addForeignKeyConstraint('member_points_member_fk', ['merchant_id', 'member_id'], 'members', ['merchant_id', 'id'])
        .execute();
      await db.schema.createIndex('member_points_member_idx').on('member_points').columns(['merchant_id', 'member_id']).execute();

      await createSales(db, instant, money);
      await createShiftsAndUsers(db, instant, money);
      await counterSyncTriggers(db, kind);
    },
  };
}

async function createSales(db: Db, instant: Instant, money: 'bigint'): Promise<void> {
  await db.schema
    .createTable('sales')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('shift_id', 'text')
    .addColumn('cashier_id', 'text')
    .addColumn('member_id', 'text')
    .addColumn('order_type', 'text', (c) => c.notNull().check(sql`order_type in ('dine_in', 'take_away')`))
    .addColumn('table_no', 'text')
    .addColumn('note', 'text')
    .addColumn('gross_fen', money, (c) => c.notNull())
    .addColumn('line_discount_fen', money, (c) => c.notNull())
    .addColumn('order_discount_fen', money, (c) => c.notNull())
    .addColumn('total_fen', money, (c) => c.notNull().check(sql`total_fen >= 0`))
    .addColumn('change_fen', money, (c) => c.notNull().check(sql`change_fen >= 0`))
    .addColumn('points_earned', 'bigint', (c) => c.notNull())
    .addColumn('discount_approved_by', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('accepted', 'conflict')`))
    .addColumn('device_time', instant, (c) => c.notNull())
    .addColumn('server_time', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('sales_pk', ['merchant_id', 'id'])
    .execute();
  await db.schema.createIndex('sales_shift_idx').on('sales').columns(['merchant_id', 'shift_id']).execute();

  await db.schema
    .createTable('sale_lines')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('sale_id', 'text', (c) => c.notNull())
    .addColumn('line_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('qty', 'integer', (c) => c.notNull().check(sql`qty > 0`))
    .addColumn('unit_price_fen', money, (c) => c.notNull().check(sql`unit_price_fen >= 0`))
    .addColumn('discount_fen', money, (c) => c.notNull().check(sql`discount_fen >= 0`))
    .addColumn('net_fen', money, (c) => c.notNull().check(sql`net_fen >= 0`))
    .addColumn('voucher_redemption_id', 'text')
    .addColumn('campaign_id', 'text')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('sale_lines_pk', ['merchant_id', 'sale_id', 'line_id'])
    .addForeignKeyConstraint('sale_lines_sale_fk', ['merchant_id', 'sale_id'], 'sales', ['merchant_id', 'id'])
    .execute();

  await db.schema
    .createTable('sale_payments')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('sale_id', 'text', (c) => c.notNull())
    .addColumn('tender_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('cash', 'wechat', 'alipay', 'card', 'voucher', 'points')`))
    .addColumn('amount_fen', money, (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('received_fen', money)
    .addColumn('reference', 'text')
    .addColumn('redemption_id', 'text')
    .addColumn('campaign_id', 'text')
    .addColumn('points', 'bigint')
    .addPrimaryKeyConstraint('sale_payments_pk', ['merchant_id', 'sale_id', 'tender_id'])
    .addForeignKeyConstraint('sale_payments_sale_fk', ['merchant_id', 'sale_id'], 'sales', ['merchant_id', 'id'])
    .execute();

  await db.schema
    .createTable('sale_refunds')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('sale_id', 'text', (c) => c.notNull())
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('shift_id', 'text')
    .addColumn('amount_fen', money, (c) => c.notNull().check(sql`amount_fen >= 0`))
    .addColumn('points_reversed', 'bigint', (c) => c.notNull())
    .addColumn('whole', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.notNull())
    .addColumn('device_time', instant, (c) => c.notNull())
    .addColumn('server_time', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('sale_refunds_pk', ['merchant_id', 'id'])
    .addForeignKeyConstraint('sale_refunds_sale_fk', ['merchant_id', 'sale_id'], 'sales', ['merchant_id', 'id'])
    .execute();
  await db.schema.createIndex('sale_refunds_sale_idx').on('sale_refunds').columns(['merchant_id', 'sale_id']).execute();

  await db.schema
    .createTable('sale_refund_lines')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('refund_id', 'text', (c) => c.notNull())
    .addColumn('sale_id', 'text', (c) => c.notNull())
    .addColumn('line_id', 'text', (c) => c.notNull())
    .addColumn('qty', 'integer', (c) => c.notNull().check(sql`qty > 0`))
    .addColumn('amount_fen', money, (c) => c.notNull().check(sql`amount_fen >= 0`))
    .addPrimaryKeyConstraint('sale_refund_lines_pk', ['merchant_id', 'refund_id', 'line_id'])
    .execute();

  await db.schema
    .createTable('sale_refund_tenders')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('refund_id', 'text', (c) => c.notNull())
    .addColumn('sale_id', 'text', (c) => c.notNull())
    .addColumn('tender_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_fen', money, (c) => c.notNull().check(sql`amount_fen >= 0`))
    .addColumn('points', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sale_refund_tenders_pk', ['merchant_id', 'refund_id', 'tender_id'])
    .execute();
}

async function createShiftsAndUsers(db: Db, instant: Instant, money: 'bigint'): Promise<void> {
  await db.schema
    .createTable('shifts')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opening_float_fen', money, (c) => c.notNull().check(sql`opening_float_fen >= 0`))
    .addColumn('opened_at', instant, (c) => c.notNull())
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', instant)
    .addColumn('close_approved_by', 'text')
    .addColumn('counts', 'text')
    .addColumn('counted_fen', money)
    .addColumn('expected_fen', money)
    .addColumn('provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('shifts_pk', ['merchant_id', 'id'])
    .execute();

  await db.schema
    .createTable('cash_moves')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('shift_id', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('in', 'out')`))
    .addColumn('amount_fen', money, (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('cash_moves_pk', ['merchant_id', 'id'])
    .addForeignKeyConstraint('cash_moves_shift_fk', ['merchant_id', 'shift_id'], 'shifts', ['merchant_id', 'id'])
    .execute();

  await db.schema
    .createTable('terminal_users')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('cashier', 'manager')`))
    // scrypt for the server's check; a PBKDF2 verifier (core/sync/manager-pin) for the terminal offline.
    .addColumn('pin_hash', 'text', (c) => c.notNull())
    .addColumn('pin_verifier', 'text', (c) => c.notNull())
    .addColumn('failed_pins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', instant)
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('terminal_users_pk', ['merchant_id', 'id'])
    .addForeignKeyConstraint('terminal_users_store_fk', ['merchant_id', 'store_id'], 'stores', ['merchant_id', 'id'])
    .execute();
}
