import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A back-office login names a user within one merchant, not across all of them: another
 * merchant's logins can neither be learned (creating a taken one said LOGIN_TAKEN) nor block a
 * name. Sign-in then names the merchant by its sign-in code (`merchants.code`: lowercase letters,
 * digits and dashes, unique). Existing merchants get `m` and the last 8 hex digits of their id.
 */
export function loginsPerMerchant(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('merchants').addColumn('code', 'text').execute();
      await sql`UPDATE merchants SET code = 'm' || lower(substr(replace(merchant_id, '-', ''), 25, 8)) WHERE code IS NULL`.execute(db);
      await db.schema.createIndex('merchants_code_uq').on('merchants').column('code').unique().execute();
      await db.schema.dropIndex('merchant_users_login_uq').execute();
      await db.schema.createIndex('merchant_users_login_uq').on('merchant_users').columns(['merchant_id', 'login']).unique().execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('merchant_users_login_uq').execute();
      await db.schema.createIndex('merchant_users_login_uq').on('merchant_users').column('login').unique().execute();
      await db.schema.dropIndex('merchants_code_uq').execute();
      await db.schema.alterTable('merchants').dropColumn('code').execute();
    },
  };
}
