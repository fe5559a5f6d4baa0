import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESTORE_ID_GAP } from '../../../server/admin/after-restore';
import { backupSqlite, BackupRefused } from '../../../server/admin/sqlite-backup';
import { restoreSqlite } from '../../../server/admin/sqlite-restore';
import { SQLITE_FILE_NAME } from '../../../server/db/open-sqlite';
import { createCampaign, issueVouchers } from '../../../server/repositories/merchant-setup';
import { startServer, type RunningServer } from '../../../server/server';
import { ApiClient } from '../../support/server/api-client';
import { createBackend, type TestBackend } from '../../support/server/backends';
import { buildSyncWorld, type SyncWorld } from '../sync/support/sync-world';
import { runAdmin } from './admin-run';
import { sqliteLedgerState } from './ledger-check';

const DAY = 86_400_000;
const start = (dataDir: string) => startServer({ dataDir, port: 0, demo: false, logLevel: 'silent', sales: { jobs: false } });

describe('SQLite backup while serving, and a restore that continues the ledger', () => {
  let backend: TestBackend;
  let server: RunningServer;
  let w: SyncWorld;
  let codes: string[];

  beforeAll(async () => {
    backend = createBackend('sqlite');
    server = await start(backend.dataDir);
    w = await buildSyncWorld(server);
    const now = Date.now();
    const campaign = await createCampaign(server.db, w.merchant.id, {
      kind: 'product',
      title: '备份测试',
      priceFen: 100,
      faceValueFen: 100,
      usesPerVoucher: 100_000,
      validFrom: new Date(now - DAY),
      validUntil: new Date(now + 30 * DAY),
      storeIds: [w.stores.a.id, w.stores.b.id],
    });
    codes = (await issueVouchers(server.db, w.merchant.id, campaign, { count: 20 })).map((v) => v.code);
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  const redeemOnline = (client: ApiClient, code: string) =>
    client.post('/vouchers/redeem', { code, count: 1, redemptionId: randomUUID(), deviceTime: new Date().toISOString(), cashierId: 'c-1' });

  it('backs up with `npm run admin -- backup` while redeems keep landing, restores it, and redeems from it', async () => {
    const kid = (await server.sales.deps.keys.activeSigningKey(w.merchant.id)).kid;
    const early = await w.a1.pushOk([w.a1.redeem(codes[0]), w.a1.redeem(codes[1])]);
    expect(early.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    // Four tills keep redeeming for as long as the backup command runs.
    let accepted = 0;
    let running = true;
    const load = Array.from({ length: 4 }, async (_, i) => {
      for (let n = i; running; n += 4) {
        const res = await redeemOnline(w.a2.client, codes[n % codes.length]!);
        if (res.status !== 200) throw new Error(`redeem under load: ${res.status} ${JSON.stringify(res.body)}`);
        accepted++;
      }
    });
    while (accepted < 20) await new Promise((done) => setTimeout(done, 10));
    const atSpawn = accepted;
    const file = join(backend.dataDir, 'backups', 'hexiao-1.sqlite');
    const noFolder = await runAdmin(['backup', file], { HEXIAO_DATA_DIR: backend.dataDir });
    expect([noFolder.code, noFolder.stderr]).toEqual([3, expect.stringContaining('does not exist')]);
    const backupFile = join(backend.dataDir, 'hexiao-backup-1.sqlite');
    const run = await runAdmin(['backup', backupFile], { HEXIAO_DATA_DIR: backend.dataDir });
    const atExit = accepted;
    running = false;
    await Promise.all(load);
    expect(run, run.stderr).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('integrity check ok');
    expect(atExit).toBeGreaterThan(atSpawn);

    // One consistent snapshot: every voucher's uses match its ledger, and it holds what was answered before it began.
    const copy = sqliteLedgerState(backupFile);
    expect(copy.mismatched).toEqual([]);
    expect(copy.redemptions).toBeGreaterThanOrEqual(2 + atSpawn);
    expect(copy.redemptions).toBeLessThanOrEqual(2 + atExit);
    expect(readdirSync(backend.dataDir).filter((f) => f.includes('.partial-'))).toEqual([]);
    await expect(backupSqlite(join(backend.dataDir, SQLITE_FILE_NAME), backupFile)).rejects.toBeInstanceOf(BackupRefused);

    // After the backup: a push and a pull the restore will lose.
    const lost = await w.a1.pushOk([w.a1.redeem(codes[2])]);
    expect(lost.results.map((r) => r.status)).toEqual(['applied']);
    const pulled = await w.a1.pullAll();
    const tokenA1 = w.a1.client.token!;
    const tokenA2 = w.a2.client.token!;
    await server.stop();

    const report = await restoreSqlite(backupFile, backend.dataDir);
    expect(report.keptAside).not.toBeNull();
    expect(existsSync(report.keptAside!)).toBe(true);
    expect(report.sync.merchants).toBeGreaterThanOrEqual(2);

    server = await start(backend.dataDir);
    expect((await server.sales.deps.keys.activeSigningKey(w.merchant.id)).kid).toBe(kid);
    const a2 = new ApiClient(server, tokenA2);
    const redeemed = await redeemOnline(a2, codes[3]!);
    expect(redeemed.status).toBe(200);
    const after = sqliteLedgerState(join(backend.dataDir, SQLITE_FILE_NAME));
    expect(after.mismatched).toEqual([]);
    expect(after.redemptions).toBe(copy.redemptions + 1);
    // No change-log id a till may have seen is handed out again.
    expect(after.maxLogId).toBeGreaterThan(copy.maxLogId + RESTORE_ID_GAP);

    // The till that pulled after the backup starts over; its next push continues its own numbering.
    const a1 = new ApiClient(server, tokenA1);
    const stale = await a1.get<{ reset: boolean }>(`/sync/pull?cursor=${encodeURIComponent(pulled.cursor)}`);
    expect([stale.status, stale.body.reset]).toEqual([200, true]);
    const next = w.a1.redeem(codes[4]);
    const pushed = await a1.post<{ results: { status: string }[]; gap: unknown }>('/sync/push', { deviceId: w.a1.terminalId, entries: [next] });
    expect(pushed.status).toBe(200);
    expect(pushed.body.results.map((r) => r.status)).toEqual(['applied']);
    expect(pushed.body.gap).toBeNull();
  }, 240_000);

  it('refuses a file that is not a Hexiao backup, leaving the database in place', async () => {
    const refused = await runAdmin(['restore', join(backend.dataDir, 'signing-kek')], { HEXIAO_DATA_DIR: backend.dataDir });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('is not a Hexiao database');
    expect(existsSync(join(backend.dataDir, SQLITE_FILE_NAME))).toBe(true);
    expect(readdirSync(backend.dataDir).filter((f) => f.includes('.restoring-'))).toEqual([]);
  }, 120_000);
});
