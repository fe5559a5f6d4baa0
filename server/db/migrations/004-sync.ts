import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../db-kind';
import { postgresSyncTriggers } from './004-sync-triggers-postgres';
import { sqliteSyncTriggers } from './004-sync-triggers-sqlite';

/**
 * Offline sync: the change log (filled by triggers, so every writer feeds it), device sequences and
 * stored push results, leases (also denormalised onto the voucher so one conditional update sees
 * them), store offline policies and manager PINs, redemption conflicts and reversals.
 */
export function sync(kind: DbKind): Migration {
  const instant = kind === 'postgres' ? 'timestamptz' : 'text';

  return {
    async up(db: Kysely<unknown>) {
      if (kind === 'postgres') {
        await sql`create table change_log (
          merchant_id text not null,
          id bigserial not null,
          kind text not null,
          entity_id text not null,
          store_id text,
          xid xid8 not null default pg_current_xact_id(),
          at timestamptz not null default now(),
          primary key (merchant_id, id))`.execute(db);
        await sql`create index change_log_position_idx on change_log (merchant_id, xid, id)`.execute(db);
        // The nudge watcher reads every merchant's changes by transaction id; pruning walks it oldest first.
        await sql`create index change_log_xid_idx on change_log (xid, id)`.execute(db);
      } else {
        await sql`create table change_log (
          id integer primary key autoincrement,
          merchant_id text not null,
          kind text not null,
          entity_id text not null,
          store_id text,
          at text not null default (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))`.execute(db);
        await sql`create index change_log_position_idx on change_log (merchant_id, id)`.execute(db);
        await db.schema.createIndex('change_log_at_idx').on('change_log').column('at').execute();
      }

      // Positions at or below these were pruned: an older cursor must start over.
      await db.schema
        .createTable('change_log_horizon')
        .addColumn('merchant_id', 'text', (c) => c.primaryKey())
        .addColumn('pruned_id', 'bigint', (c) => c.notNull())
        .addColumn('pruned_xid', kind === 'postgres' ? sql`xid8` : 'text')
        .addColumn('pruned_at', instant, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('device_sequences')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('last_seq', 'bigint', (c) => c.notNull().check(sql`last_seq >= 0`))
        // 1 after the terminal was paired again: its next push may continue from any sequence.
        .addColumn('rebase', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('device_sequences_pk', ['merchant_id', 'terminal_id'])
        .execute();

      await db.schema
        .createTable('push_results')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('intent', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('applied', 'rejected', 'conflict')`))
        .addColumn('result', 'text')
        .addColumn('error_code', 'text')
        .addColumn('error_message', 'text')
        .addColumn('server_time', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('push_results_pk', ['merchant_id', 'terminal_id', 'client_id'])
        .execute();
      await db.schema.createIndex('push_results_seq_idx').on('push_results').columns(['merchant_id', 'terminal_id', 'seq']).execute();

      await db.schema
        .createTable('leases')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('voucher_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        // The remaining uses when granted; a lease is always the voucher's whole remainder.
        .addColumn('uses', 'integer', (c) => c.notNull().check(sql`uses >= 0`))
        .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('single_store', 'policy', 'merchant')`))
        .addColumn('granted_at', instant, (c) => c.notNull())
        .addColumn('expires_at', instant, (c) => c.notNull())
        .addColumn('revoked_at', instant)
        .addColumn('revoked_by', 'text')
        .addColumn('updated_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('leases_pk', ['merchant_id', 'id'])
        .addForeignKeyConstraint('leases_voucher_fk', ['merchant_id', 'voucher_id'], 'vouchers', ['merchant_id', 'id'])
        .addForeignKeyConstraint('leases_store_fk', ['merchant_id', 'store_id'], 'stores', ['merchant_id', 'id'])
        .execute();
      await db.schema.createIndex('leases_store_idx').on('leases').columns(['merchant_id', 'store_id', 'id']).execute();
      // One holder at a time: the database refuses a second unrevoked lease on a voucher.
      await db.schema
        .createIndex('leases_one_holder_uq')
        .on('leases')
        .columns(['merchant_id', 'voucher_id'])
        .unique()
        .where(sql.ref('revoked_at'), 'is', null)
        .execute();
      for (const [name, type] of [['lease_id', 'text'], ['lease_store_id', 'text'], ['lease_expires_at', instant]] as const) {
        await sql.raw(`alter table vouchers add column ${name} ${type}`).execute(db);
      }
      for (const [name, type] of [['clock_skew_ms', 'bigint'], ['offline_basis', 'text']] as const) {
        await sql.raw(`alter table redemptions add column ${name} ${type}`).execute(db);
      }

      await db.schema
        .createTable('store_policies')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('provisional_enabled', 'integer', (c) => c.notNull().check(sql`provisional_enabled in (0, 1)`))
        .addColumn('max_count_per_terminal', 'integer', (c) => c.notNull().check(sql`max_count_per_terminal >= 0`))
        .addColumn('max_value_fen_per_terminal', 'integer', (c) => c.notNull().check(sql`max_value_fen_per_terminal >= 0`))
        .addColumn('max_offline_hours', 'integer', (c) => c.notNull().check(sql`max_offline_hours >= 0`))
        .addColumn('manager_pin_above_fen', 'integer', (c) => c.notNull().check(sql`manager_pin_above_fen >= 0`))
        .addColumn('reverse_window_minutes', 'integer', (c) => c.notNull().check(sql`reverse_window_minutes >= 0`))
        .addColumn('lease_multi_store', 'integer', (c) => c.notNull().check(sql`lease_multi_store in (0, 1)`))
        .addColumn('lease_hours', 'integer', (c) => c.notNull().check(sql`lease_hours >= 1`))
        .addColumn('updated_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('store_policies_pk', ['merchant_id', 'store_id'])
        .addForeignKeyConstraint('store_policies_store_fk', ['merchant_id', 'store_id'], 'stores', ['merchant_id', 'id'])
        .execute();

      // Managers who may approve offline at a store; the PIN is kept only as a PBKDF2 verifier.
      await db.schema
        .createTable('store_managers')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('manager_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('pin_verifier', 'text', (c) => c.notNull())
        .addColumn('updated_at', instant, (c) => c.notNull())
        .addColumn('removed_at', instant)
        .addPrimaryKeyConstraint('store_managers_pk', ['merchant_id', 'store_id', 'manager_id'])
        .addForeignKeyConstraint('store_managers_store_fk', ['merchant_id', 'store_id'], 'stores', ['merchant_id', 'id'])
        .execute();

      await db.schema
        .createTable('redemption_conflicts')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('redemption_id', 'text', (c) => c.notNull())
        .addColumn('voucher_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('device_time', instant, (c) => c.notNull())
        .addColumn('server_time', instant, (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('basis', 'text', (c) => c.notNull())
        .addColumn('lease_id', 'text')
        // Who spent it first: a redemption, a lease held by another store, or a void (refund).
        .addColumn('first_kind', 'text', (c) => c.notNull().check(sql`first_kind in ('redemption', 'lease', 'void')`))
        .addColumn('first_ref', 'text')
        .addColumn('first_store_id', 'text')
        .addColumn('first_terminal_id', 'text')
        .addColumn('first_at', instant)
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'resolved')`))
        .addColumn('resolved_at', instant)
        .addColumn('resolved_by', 'text')
        .addColumn('note', 'text')
        .addPrimaryKeyConstraint('redemption_conflicts_pk', ['merchant_id', 'redemption_id'])
        .addForeignKeyConstraint('redemption_conflicts_redemption_fk', ['merchant_id', 'redemption_id'], 'redemptions', [
          'merchant_id',
          'redemption_id',
        ])
        .execute();
      await db.schema
        .createIndex('redemption_conflicts_status_idx')
        .on('redemption_conflicts')
        .columns(['merchant_id', 'status', 'server_time'])
        .execute();

      // Append-only: a reversal is a new row and the redemption row is never edited.
      await db.schema
        .createTable('redemption_reversals')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('reversal_id', 'text', (c) => c.notNull())
        .addColumn('redemption_id', 'text', (c) => c.notNull())
        .addColumn('voucher_id', 'text', (c) => c.notNull())
        .addColumn('uses_freed', 'integer', (c) => c.notNull().check(sql`uses_freed >= 0`))
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('manager_id', 'text', (c) => c.notNull())
        .addColumn('approved_at', instant, (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('device_time', instant, (c) => c.notNull())
        .addColumn('server_time', instant, (c) => c.notNull())
        .addColumn('remaining_after', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('redemption_reversals_pk', ['merchant_id', 'reversal_id'])
        .addUniqueConstraint('redemption_reversals_once_uq', ['merchant_id', 'redemption_id'])
        .addForeignKeyConstraint('redemption_reversals_redemption_fk', ['merchant_id', 'redemption_id'], 'redemptions', [
          'merchant_id',
          'redemption_id',
        ])
        .execute();

      if (kind === 'postgres') await postgresSyncTriggers(db);
      else await sqliteSyncTriggers(db);
    },

    async down(db: Kysely<unknown>) {
      if (kind === 'postgres') await sql`drop function if exists sync_log_voucher, sync_lease_new_voucher, sync_lease_row_for_voucher, sync_log_campaign, sync_log_campaign_store, sync_log_lease, sync_log_merchant_key, sync_log_store_policy, sync_log_conflict, sync_rebase_terminal cascade`.execute(db);
      else for (const t of SQLITE_TRIGGERS) await sql.raw(`drop trigger if exists ${t}`).execute(db);
      for (const table of ['redemption_reversals', 'redemption_conflicts', 'store_managers', 'store_policies', 'leases', 'push_results', 'device_sequences', 'change_log_horizon', 'change_log']) {
        await db.schema.dropTable(table).execute();
      }
      for (const column of ['lease_id', 'lease_store_id', 'lease_expires_at']) await db.schema.alterTable('vouchers').dropColumn(column).execute();
      for (const column of ['clock_skew_ms', 'offline_basis']) await db.schema.alterTable('redemptions').dropColumn(column).execute();
    },
  };
}

export const SQLITE_TRIGGERS = [
  'sync_log_voucher_insert',
  'sync_log_voucher_update',
  'sync_lease_single_store',
  'sync_log_campaign_insert',
  'sync_log_campaign_update',
  'sync_log_campaign_store_insert',
  'sync_log_campaign_store_delete',
  'sync_log_lease_insert',
  'sync_log_lease_update',
  'sync_log_merchant_key_insert',
  'sync_log_merchant_key_update',
  'sync_log_store_policy_insert',
  'sync_log_store_policy_update',
  'sync_log_store_manager_insert',
  'sync_log_store_manager_update',
  'sync_log_conflict_insert',
  'sync_log_conflict_update',
  'sync_rebase_terminal',
];
