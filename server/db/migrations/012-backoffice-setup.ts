import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../db-kind';

const OLD_ROLE_CHECK = /role\s+in\s*\(\s*'owner'\s*,\s*'manager'\s*\)/i;
const ROLE_CHECK = `role in ('owner', 'manager', 'finance', 'support')`;

/**
 * Back-office set-up: four back-office roles, a manager's stores, store details, till status and
 * control (disable, revoke, what it last reported), and the store an audit entry is about.
 */
export function backofficeSetup(kind: DbKind): Migration {
  const instant = kind === 'postgres' ? 'timestamptz' : 'text';

  return {
    async up(db: Kysely<unknown>) {
      if (kind === 'postgres') {
        await sql`alter table merchant_users drop constraint if exists merchant_users_role_check`.execute(db);
        await sql.raw(`alter table merchant_users add constraint merchant_users_role_check check (${ROLE_CHECK})`).execute(db);
      } else {
        await widenSqliteRoleCheck(db);
      }

      await db.schema
        .createTable('merchant_user_stores')
        .ifNotExists()
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('merchant_user_stores_pk', ['merchant_id', 'user_id', 'store_id'])
        .addForeignKeyConstraint('merchant_user_stores_user_fk', ['merchant_id', 'user_id'], 'merchant_users', ['merchant_id', 'id'])
        .addForeignKeyConstraint('merchant_user_stores_store_fk', ['merchant_id', 'store_id'], 'stores', ['merchant_id', 'id'])
        .execute();

      await db.schema.alterTable('stores').addColumn('address', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('stores').addColumn('time_zone', 'text').execute();
      await sql`update stores set time_zone = (select m.time_zone from merchants as m where m.merchant_id = stores.merchant_id)`.execute(db);
      // JSON of weekday → { open, close } | null; null = not set yet.
      await db.schema.alterTable('stores').addColumn('business_hours', 'text').execute();
      await db.schema
        .alterTable('stores')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1).check(sql`active in (0, 1)`))
        .execute();
      await db.schema.alterTable('stores').addColumn('updated_at', instant).execute();

      await db.schema
        .alterTable('terminals')
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0).check(sql`disabled in (0, 1)`))
        .execute();
      for (const column of ['revoked_at', 'last_seen_at', 'last_sync_at']) {
        await db.schema.alterTable('terminals').addColumn(column, instant).execute();
      }
      await db.schema
        .alterTable('terminals')
        .addColumn('pending_outbox', 'integer', (c) => c.check(sql`pending_outbox >= 0`))
        .execute();
      await db.schema.alterTable('terminals').addColumn('app_version', 'text').execute();

      await db.schema.alterTable('audit_log').addColumn('store_id', 'text').execute();
      await db.schema.createIndex('audit_log_at_idx').on('audit_log').columns(['merchant_id', 'at', 'id']).execute();
    },

    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('audit_log_at_idx').execute();
      await db.schema.dropTable('merchant_user_stores').execute();
    },
  };
}

/**
 * SQLite cannot alter a check constraint: the table is rebuilt from its own definition with only
 * the role check replaced, every row copied, and its indexes made again. Foreign keys are off
 * meanwhile (sessions point at users) and checked before the transaction commits.
 */
async function widenSqliteRoleCheck(db: Kysely<unknown>): Promise<void> {
  const found = await sql<{ type: string; name: string; sql: string | null }>`
    select type, name, sql from sqlite_master where tbl_name = 'merchant_users'`.execute(db);
  const table = found.rows.find((r) => r.type === 'table');
  if (!table?.sql) throw new Error('merchant_users is missing');
  if (!OLD_ROLE_CHECK.test(table.sql)) throw new Error('merchant_users has no role check to widen');
  const createNew = table.sql
    .replace(OLD_ROLE_CHECK, ROLE_CHECK)
    .replace(/^CREATE TABLE\s+"?merchant_users"?/i, 'CREATE TABLE "merchant_users_012"');
  const others = found.rows.filter((r) => r.type !== 'table' && r.sql !== null).map((r) => r.sql as string);

  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin immediate`.execute(db);
    try {
      await sql.raw(createNew).execute(db);
      await sql`insert into merchant_users_012 select * from merchant_users`.execute(db);
      await sql`drop table merchant_users`.execute(db);
      await sql`alter table merchant_users_012 rename to merchant_users`.execute(db);
      for (const statement of others) await sql.raw(statement).execute(db);
      const broken = await sql`pragma foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error(`foreign keys broken by the merchant_users rebuild: ${JSON.stringify(broken.rows)}`);
      await sql`commit`.execute(db);
    } catch (error) {
      await sql`rollback`.execute(db);
      throw error;
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
