import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { afterRestore } from '../../../server/admin/after-restore';
import type { Db } from '../../../server/db/database';
import { openDatabase } from '../../../server/db/database';
import { createCampaign, issueVouchers } from '../../../server/repositories/merchant-setup';
import { startServer, type RunningServer } from '../../../server/server';
import { ApiClient } from '../../support/server/api-client';
import { createBackend, type TestBackend } from '../../support/server/backends';
import { buildSyncWorld } from '../sync/support/sync-world';

const PG_URL = process.env.TEST_PG_URL;
const PG_DUMP = ['/usr/bin/pg_dump', '/usr/lib/postgresql/15/bin/pg_dump'].find((p) => existsSync(p));
const DAY = 86_400_000;

async function ledgerState(db: Db) {
  const mismatched = await sql`
    SELECT v.id FROM vouchers v
      LEFT JOIN redemptions r ON r.voucher_id = v.id AND r.merchant_id = v.merchant_id AND r.outcome = 'accepted'
     GROUP BY v.id, v.redeemed HAVING v.redeemed <> coalesce(sum(r.count), 0)`.execute(db.kysely);
  const count = await sql<{ n: number }>`SELECT count(*) AS n FROM redemptions WHERE outcome = 'accepted'`.execute(db.kysely);
  return { mismatched: mismatched.rows, redemptions: Number(count.rows[0]?.n) };
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The same server URL with another database name. */
function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

describe.runIf(PG_URL && PG_DUMP)('PostgreSQL: pg_dump while serving, pg_restore into a new database, after-restore, redeem', () => {
  const backend: TestBackend | undefined = PG_URL ? createBackend('postgres') : undefined;
  const restoredDb = `hexiao_restore_${process.pid}_${randomBytes(3).toString('hex')}`;
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop().catch(() => undefined);
    await admin(PG_URL!, `DROP DATABASE IF EXISTS ${restoredDb} WITH (FORCE)`);
    await backend?.cleanup();
  });

  it('restores a dump taken under load and continues the ledger and the tills’ sync', async () => {
    const kek = new Uint8Array(randomBytes(32));
    const schema = backend!.options.pgSchema!;
    const start = async (databaseUrl: string) => {
      const s = await startServer({ ...backend!.options, databaseUrl, port: 0, demo: false, logLevel: 'silent', sales: { jobs: false, keyEncryptionKey: kek } });
      servers.push(s);
      return s;
    };
    const server = await start(PG_URL!);
    const w = await buildSyncWorld(server);
    const kid = (await server.sales.deps.keys.activeSigningKey(w.merchant.id)).kid;
    const now = Date.now();
    const campaign = await createCampaign(server.db, w.merchant.id, {
      kind: 'product', title: '备份测试', priceFen: 100, faceValueFen: 100, usesPerVoucher: 100_000,
      validFrom: new Date(now - DAY), validUntil: new Date(now + 30 * DAY), storeIds: [w.stores.a.id, w.stores.b.id],
    });
    const codes = (await issueVouchers(server.db, w.merchant.id, campaign, { count: 10 })).map((v) => v.code);
    await w.a1.pushOk([w.a1.redeem(codes[0])]);

    let running = true;
    let accepted = 0;
    const load = Array.from({ length: 3 }, async (_, i) => {
      for (let n = i; running; n += 3) {
        const res = await w.a2.client.post('/vouchers/redeem', { code: codes[n % codes.length], count: 1, redemptionId: randomUUID(), deviceTime: new Date().toISOString(), cashierId: 'c-1' });
        if (res.status !== 200) throw new Error(`redeem under load: ${res.status}`);
        accepted++;
      }
    });
    while (accepted < 10) await new Promise((done) => setTimeout(done, 10));
    const dump = join(backend!.dataDir, 'hexiao.dump');
    // The documented routine: one schema, custom format, no owners (restorable under another role).
    execFileSync(PG_DUMP!, ['--format=custom', '--no-owner', `--schema=${schema}`, `--file=${dump}`, PG_URL!]);
    running = false;
    await Promise.all(load);

    await w.a1.pushOk([w.a1.redeem(codes[1])]);
    const pulled = await w.a1.pullAll();
    await server.stop();

    await admin(PG_URL!, `CREATE DATABASE ${restoredDb}`);
    const restoredUrl = withDatabase(PG_URL!, restoredDb);
    execFileSync(PG_DUMP!.replace(/pg_dump$/, 'pg_restore'), ['--no-owner', '--exit-on-error', `--dbname=${restoredUrl}`, dump]);
    const db = await openDatabase({ databaseUrl: restoredUrl, pgSchema: schema, dataDir: backend!.dataDir });
    const copied = await ledgerState(db);
    expect(copied.mismatched).toEqual([]);
    expect(copied.redemptions).toBeGreaterThanOrEqual(11);
    const report = await afterRestore(db);
    expect(report.merchants).toBeGreaterThanOrEqual(2);
    await db.close();

    const restored = await start(restoredUrl);
    expect((await restored.sales.deps.keys.activeSigningKey(w.merchant.id)).kid).toBe(kid);
    const redeemed = await new ApiClient(restored, w.a2.client.token).post('/vouchers/redeem', {
      code: codes[2], count: 1, redemptionId: randomUUID(), deviceTime: new Date().toISOString(), cashierId: 'c-1',
    });
    expect(redeemed.status).toBe(200);
    const after = await ledgerState(restored.db);
    expect(after).toEqual({ mismatched: [], redemptions: copied.redemptions + 1 });

    const a1 = new ApiClient(restored, w.a1.client.token);
    const stale = await a1.get<{ reset: boolean }>(`/sync/pull?cursor=${encodeURIComponent(pulled.cursor)}`);
    expect([stale.status, stale.body.reset]).toEqual([200, true]);
    const pushed = await a1.post<{ results: { status: string }[]; gap: unknown }>('/sync/push', { deviceId: w.a1.terminalId, entries: [w.a1.redeem(codes[3])] });
    expect([pushed.status, pushed.body.results.map((r) => r.status), pushed.body.gap]).toEqual([200, ['applied'], null]);
    // A fresh pull after the restore sees the redeem made since.
    const fresh = await a1.get<{ reset: boolean }>('/sync/pull');
    expect([fresh.status, fresh.body.reset]).toEqual([200, false]);
  }, 240_000);
});
