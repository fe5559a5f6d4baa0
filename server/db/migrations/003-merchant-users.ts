import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../db-kind';

/**
 * Back-office users of a merchant (owner or manager, password login) and their sessions.
 * What they do is recorded in the existing audit_log with actor_type 'user'.
 */
export function merchantUsers(kind: DbKind): Migration {
  const instant = kind === 'postgres' ? 'timestamptz' : 'text';

  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('merchant_users')
        .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.merchant_id'))
        .addColumn('id', 'text', (c) => c.notNull())
        // Normalised: a lower-case e-mail address or 11 mainland mobile digits.
        .addColumn('login', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'manager')`))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0).check(sql`disabled in (0, 1)`))
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0).check(sql`failed_logins >= 0`))
        .addColumn('locked_until', instant)
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('updated_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('merchant_users_pk', ['merchant_id', 'id'])
        .execute();
      // A login names one user across all merchants: it is typed before the merchant is known.
      await db.schema.createIndex('merchant_users_login_uq').on('merchant_users').column('login').unique().execute();

      await db.schema
        .createTable('merchant_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('expires_at', instant, (c) => c.notNull())
        .addColumn('revoked_at', instant)
        .addForeignKeyConstraint('merchant_sessions_user_fk', ['merchant_id', 'user_id'], 'merchant_users', [
          'merchant_id',
          'id',
        ])
        .execute();
      await db.schema
        .createIndex('merchant_sessions_user_idx')
        .on('merchant_sessions')
        .columns(['merchant_id', 'user_id'])
        .execute();
    },

    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('merchant_sessions').execute();
      await db.schema.dropTable('merchant_users').execute();
    },
  };
}
