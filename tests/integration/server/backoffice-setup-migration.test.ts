import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/db/database';
import { migrateDatabase } from '../../../server/db/database';
import { migrations } from '../../../server/db/migrate';
import { openPostgres } from '../../../server/db/open-postgres';
import { openSqlite } from '../../../server/db/open-sqlite';
import { addMerchantUser } from '../../../server/repositories/backoffice/merchant-user-setup';
import { createStore } from '../../../server/repositories/merchant-setup';
import { newId } from '../../../server/security/ids';
import { defaultMerchantCode } from '../../../server/use-cases/backoffice/merchant-code';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';

/** Migration 012 on a database that already holds merchants, stores, users and sessions. */
describe.each(BACKENDS)('migration 012: back-office set-up (%s)', (kind) => {
  let backend: TestBackend;
  let db: Db;
  beforeAll(async () => {
    backend = createBackend(kind);
    const { databaseUrl, pgSchema } = backend.options;
    db = databaseUrl ? await openPostgres({ url: databaseUrl, schema: pgSchema }) : openSqlite(backend.dataDir);
    const migrator = new Migrator({
      db: db.kysely,
      provider: { getMigrations: async () => migrations(kind) },
      ...(db.kind === 'postgres' ? { migrationTableSchema: db.schema } : {}),
    });
    const { error } = await migrator.migrateTo('008_member_phones_e164');
    if (error) throw error;
  });
  afterAll(async () => {
    await db?.close();
    await backend?.cleanup();
  });

  it('widens the role check to four roles, keeps every user, session and index, and adds store and till columns', async () => {
    const k = db.kysely;
    // A merchant as the schema of migration 008 had it (no sign-in code yet: migration 016 adds one).
    const merchant = { id: newId() };
    await db.kysely.insertInto('merchants').values({ merchant_id: merchant.id, name: '迁移商户', time_zone: 'Asia/Urumqi', created_at: new Date().toISOString() } as never).execute();
    const store = await createStore(db, merchant.id, '老店');
    const owner = await addMerchantUser(db, merchant.id, { login: 'owner@migrate.test', name: '店主', role: 'owner', password: 'migrate-secret-1' });
    const manager = await addMerchantUser(db, merchant.id, { login: 'manager@migrate.test', name: '经理', role: 'manager', password: 'migrate-secret-1' });
    const at = new Date().toISOString();
    await k.insertInto('merchant_sessions').values({ token_hash: 'h1', merchant_id: merchant.id, user_id: owner.id, created_at: at, expires_at: at, revoked_at: null }).execute();
    const usersBefore = await k.selectFrom('merchant_users').selectAll().orderBy('id').execute();
    await expect(
      addMerchantUser(db, merchant.id, { login: 'early@migrate.test', name: '早', role: 'finance', password: 'migrate-secret-1' }),
    ).rejects.toThrow();

    expect(await migrateDatabase(db)).toContain('012_backoffice_setup');

    expect(await k.selectFrom('merchant_users').selectAll().orderBy('id').execute()).toEqual(usersBefore);
    // Migration 016 gives every existing merchant a sign-in code.
    expect((await k.selectFrom('merchants').select('code').where('merchant_id', '=', merchant.id).executeTakeFirstOrThrow()).code).toBe(defaultMerchantCode(merchant.id));
    expect(await k.selectFrom('merchant_sessions').select(['token_hash', 'user_id']).execute()).toEqual([{ token_hash: 'h1', user_id: owner.id }]);
    for (const role of ['finance', 'support'] as const) {
      await addMerchantUser(db, merchant.id, { login: `${role}@migrate.test`, name: role, role, password: 'migrate-secret-1' });
    }
    // The login stays unique and the role check still refuses anything else.
    await expect(addMerchantUser(db, merchant.id, { login: 'owner@migrate.test', name: 'x', role: 'owner', password: 'migrate-secret-1' })).rejects.toThrow();
    await expect(
      addMerchantUser(db, merchant.id, { login: 'cashier@migrate.test', name: 'x', role: 'cashier' as 'owner', password: 'migrate-secret-1' }),
    ).rejects.toThrow();
    // Sessions still point at users: a session of an unknown user is refused.
    await expect(
      k.insertInto('merchant_sessions').values({ token_hash: 'h2', merchant_id: merchant.id, user_id: 'nobody', created_at: at, expires_at: at, revoked_at: null }).execute(),
    ).rejects.toThrow();
    if (db.kind === 'sqlite') {
      expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
      const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'merchant_users' and sql is not null`.execute(k);
      expect(indexes.rows.map((r) => r.name)).toEqual(['merchant_users_login_uq']);
    }

    const row = await k.selectFrom('stores').selectAll().where('id', '=', store.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ address: '', time_zone: 'Asia/Urumqi', business_hours: null, updated_at: null });
    expect(Number(row.active)).toBe(1);
    await k.insertInto('merchant_user_stores').values({ merchant_id: merchant.id, user_id: manager.id, store_id: store.id, created_at: at }).execute();
    await expect(
      k.insertInto('merchant_user_stores').values({ merchant_id: merchant.id, user_id: manager.id, store_id: 'no-such-store', created_at: at }).execute(),
    ).rejects.toThrow();
  });
});
