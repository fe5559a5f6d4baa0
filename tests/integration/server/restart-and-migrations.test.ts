import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { parseVoucherCode } from '../../../core/voucher-code';
import type { DemoInfo } from '../../../server/demo/demo-info';
import { migrateDatabase } from '../../../server/db/database';
import { startServer, type RunningServer } from '../../../server/server';
import { ApiClient, errorCode } from '../../support/server/api-client';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { snapshot } from '../../support/server/db-state';

describe.each(BACKENDS)('restarts, migrations and demo data (%s)', (kind) => {
  const backend: TestBackend = createBackend(kind);
  const start = () => startServer({ ...backend.options, port: 0, logLevel: 'silent' });
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    await backend.cleanup();
  });

  it('seeds the demo on an empty database and writes demo.json', async () => {
    server = await start();
    const demo = server.demo;
    expect(demo).toBeDefined();
    const file = JSON.parse(readFileSync(join(backend.dataDir, 'demo.json'), 'utf8')) as DemoInfo;
    expect(file).toEqual(demo);
    expect(file).toMatchObject({
      serverUrl: server.url,
      merchant: { name: '微美食', timeZone: 'Asia/Shanghai' },
      store: { name: '国贸店' },
      terminal: { name: '国贸店 收银台 1' },
    });
    const meal = file.vouchers.filter((v) => v.campaignTitle === '微美食 双人套餐 闪购券');
    const cash = file.vouchers.filter((v) => v.campaignTitle === '微美食 50元代金券');
    expect(meal.length).toBeGreaterThanOrEqual(3);
    expect(cash.length).toBeGreaterThanOrEqual(3);
    for (const v of meal) expect(v).toMatchObject({ uses: 2, storeNames: ['三里屯店', '国贸店'] });
    for (const v of cash) expect(v).toMatchObject({ uses: 1, storeNames: ['国贸店'] });
    for (const v of file.vouchers) expect(parseVoucherCode(v.code).ok).toBe(true);

    const stores = await server.db.kysely.selectFrom('stores').select('name').orderBy('name').execute();
    expect(stores.map((s) => s.name).sort()).toEqual(['三里屯店', '国贸店'].sort());
    const terminals = await server.db.kysely.selectFrom('terminals').select('name').execute();
    expect(terminals).toHaveLength(3);
    const campaign = await server.db.kysely
      .selectFrom('campaigns')
      .selectAll()
      .where('kind', '=', 'product')
      .executeTakeFirstOrThrow();
    expect(campaign).toMatchObject({ price_fen: 9900, face_value_fen: 16800, uses_per_voucher: 2 });
  });

  it('pairs with the demo code and redeems a demo voucher', async () => {
    const demo = server!.demo!;
    const paired = await new ApiClient(server!).post<{ token: string }>('/terminals/pair', { pairingCode: demo.pairingCode });
    expect(paired.status).toBe(200);
    const pos = new ApiClient(server!, paired.body.token);
    const cash = demo.vouchers.find((v) => v.uses === 1)!;
    const res = await pos.post('/vouchers/redeem', {
      cashierId: 'cashier-1',
      redemptionId: randomUUID(),
      code: cash.code,
      count: 1,
      deviceTime: new Date().toISOString(),
    });
    expect(res.body).toMatchObject({ outcome: 'accepted', remaining: 0, campaignTitle: '微美食 50元代金券' });
  });

  it('keeps its data across a restart, re-runs no migration and mints a new pairing code', async () => {
    const first = server!;
    const before = await snapshot(first.db);
    const oldCode = first.demo!.pairingCode;
    await first.stop();

    server = await start();
    const after = await snapshot(server.db);
    expect(after.vouchers).toEqual(before.vouchers);
    expect(after.redemptions).toEqual(before.redemptions);
    expect(server.demo!.pairingCode).not.toBe(oldCode);
    expect(server.demo!.vouchers.map((v) => v.code)).toEqual(first.demo!.vouchers.map((v) => v.code));
    expect(server.demo!.vouchers.find((v) => v.uses === 1 && v.remaining === 0)).toBeDefined();

    const migrations = await sql<{ name: string }>`select name from kysely_migration`.execute(server.db.kysely);
    const names = migrations.rows.map((r) => r.name);
    expect(names).toContain('001_foundation');
    expect(new Set(names).size).toBe(names.length);
    expect(await migrateDatabase(server.db)).toEqual([]);

    const anonymous = new ApiClient(server);
    expect(errorCode(await anonymous.post('/terminals/pair', { pairingCode: oldCode }))).toBe('PAIRING_CODE_INVALID');
    expect((await anonymous.post('/terminals/pair', { pairingCode: server.demo!.pairingCode })).status).toBe(200);
  });

  // PostgreSQL only: schemas share one database there.
  if (kind === 'postgres') it('migrates a fresh schema while another schema of the database has tables', async () => {
    const neighbour = createBackend('postgres');
    const other = await startServer({ ...neighbour.options, port: 0, logLevel: 'silent', demo: false });
    try {
      const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = ${neighbour.options.pgSchema}`.execute(other.db.kysely);
      expect(tables.rows.map((t) => t.name)).toEqual(
        expect.arrayContaining(['kysely_migration', 'kysely_migration_lock', 'merchants', 'vouchers', 'redemptions']),
      );
    } finally {
      await other.stop();
      await neighbour.cleanup();
    }
  });

  it('does not seed or mint when the demo is off', async () => {
    await server!.stop();
    server = await startServer({ ...backend.options, port: 0, logLevel: 'silent', demo: false });
    expect(server.demo).toBeUndefined();
    const merchants = await server.db.kysely.selectFrom('merchants').select('name').execute();
    expect(merchants).toEqual([{ name: '微美食' }]);
  });
});
