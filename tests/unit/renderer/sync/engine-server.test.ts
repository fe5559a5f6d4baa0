import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMerchantUser } from '../../../../server/repositories/backoffice/merchant-user-setup';
import { startServer, type RunningServer } from '../../../../server';
import type { PosDb } from '../../../../renderer/db/pos-db';
import { outboxBacklog } from '../../../../renderer/db/outbox';
import { ManagerPinGate } from '../../../../renderer/staff/manager-pin';
import { reverseRedemption } from '../../../../renderer/redeem/offline/offline-reverse';
import type { SyncEngine } from '../../../../renderer/sync/sync-engine';
import type { SyncStatus } from '../../../../renderer/sync/sync-status';
import { ApiClient } from '../../../support/server/api-client';
import { loginBody } from '../../../support/server/login-body';
import { startCuttableProxy, type CuttableProxy } from '../../../property/support/cuttable-proxy';
import { buildSyncWorld, MANAGER_PIN, type SyncWorld } from '../../../property/support/sync-world';
import { engineFor, freshDb, redeemCodeOffline } from './support/terminal';

// The engine and the offline counter against the real server (temp SQLite) over HTTP.
let server: RunningServer;
let dir: string;
const open: { db: PosDb; engine: SyncEngine }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hexiao-sync-engine-'));
  server = await startServer({ port: 0, dataDir: dir, demo: false, logLevel: 'silent' });
});

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

afterEach(async () => {
  for (const { db, engine } of open.splice(0)) {
    await engine.stop();
    db.close();
  }
});

/** Terminal `index` of the world (0 A1, 1 A2, 2 B1, 3 C1) with a fresh database, optionally behind a proxy. */
function terminal(world: SyncWorld, index: number, options: Parameters<typeof engineFor>[3] = {}, via?: CuttableProxy) {
  const identity = world.terminals[index]!;
  const db = freshDb('server');
  const engine = engineFor(db, { url: via?.url ?? server.url, token: identity.token }, { deviceId: identity.terminalId, storeId: identity.storeId }, options);
  open.push({ db, engine });
  return { db, engine, identity };
}

/** The merchant's owner, signed in to the back office. */
async function signedInOwner(world: SyncWorld): Promise<ApiClient> {
  const login = `owner-${world.merchantId}@example.com`;
  await addMerchantUser(server.db, world.merchantId, { login, name: '老板', role: 'owner', password: 'correct horse 42' });
  const answer = await new ApiClient(server).post<{ token: string }>('/merchant/login', await loginBody(server.db, login, 'correct horse 42'));
  return new ApiClient(server, answer.body.token);
}

const ledger = (merchantId: string) => server.db.kysely.selectFrom('redemptions').selectAll().where('merchant_id', '=', merchantId).execute();

describe('sync engine against the real server', () => {
  it('downloads a paged snapshot with progress, then the tail of the change log', async () => {
    const world = await buildSyncWorld(server, { aOnly: 9, ab: 3, bc: 2 });
    const { db, engine, identity } = terminal(world, 0, { pullLimit: 4 });
    const seen: SyncStatus[] = [];
    engine.subscribe((s) => seen.push(s));
    expect(await engine.syncOnce()).toEqual({ ok: true });
    expect((await db.vouchers.toArray()).map((v) => v.voucherId).sort()).toEqual(world.vouchersAt(identity.storeId).sort());
    expect(await db.leases.count()).toBe(12);
    expect(await db.storePolicies.get(identity.storeId)).toMatchObject({ managers: [{ managerId: `mgr-${identity.storeId}` }] });
    const progress = seen.map((s) => s.snapshot).filter((p) => p !== null);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.every((p, i) => i === 0 || p!.done > progress[i - 1]!.done)).toBe(true);

    const other = terminal(world, 1);
    await other.engine.syncOnce();
    expect(await redeemCodeOffline(other.db, world.vouchers[0]!.code, { storeId: identity.storeId, count: 2 })).toMatchObject({ ok: true });
    await other.engine.syncOnce();
    await engine.syncOnce();
    expect(await db.vouchers.get(world.vouchers[0]!.id)).toMatchObject({ redeemed: 2, status: 'exhausted' });
  });

  it('pushes an offline redemption inside a lease; a lost answer is settled by the resend, once', async () => {
    const world = await buildSyncWorld(server, { aOnly: 2, ab: 0, bc: 0 });
    const proxy = await startCuttableProxy({ host: '127.0.0.1', port: server.port });
    const { db, engine } = terminal(world, 0, {}, proxy);
    await engine.syncOnce();
    proxy.set('cut');
    const redeemed = await redeemCodeOffline(db, world.vouchers[1]!.code, { storeId: world.terminals[0]!.storeId });
    expect(redeemed).toMatchObject({ ok: true, value: { redemption: { basis: 'lease', status: 'pending', remaining: 1 } } });
    expect(await engine.syncOnce()).toMatchObject({ ok: false, retry: true });
    proxy.set('dropAnswers');
    expect(await engine.syncOnce()).toMatchObject({ ok: false, retry: true });
    expect(await ledger(world.merchantId)).toHaveLength(1);
    proxy.set('open');
    expect(await engine.syncOnce()).toEqual({ ok: true });
    const [row] = await ledger(world.merchantId);
    expect(row).toMatchObject({ mode: 'offline', outcome: 'accepted', count: 1 });
    expect((await db.redemptions.toArray())[0]).toMatchObject({ status: 'accepted', remaining: 1 });
    expect((await db.outbox.toArray()).map((e) => e.result?.status)).toEqual(['duplicate']);
    expect(await outboxBacklog(db)).toEqual({ count: 0, oldestAt: null });
    await proxy.close();
  });

  it('brings back a conflict when another store held the lease, and the merchant sees it', async () => {
    const world = await buildSyncWorld(server, { aOnly: 0, ab: 1, bc: 0 });
    const a = terminal(world, 0);
    const b = terminal(world, 2);
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    const code = world.vouchers[0]!.code;
    const approval = { managerId: 'x', approvedAt: new Date().toISOString() };
    expect(await redeemCodeOffline(a.db, code, { storeId: a.identity.storeId, count: 2 })).toMatchObject({ value: { redemption: { basis: 'lease' } } });
    expect(await redeemCodeOffline(b.db, code, { storeId: b.identity.storeId, count: 1, approval })).toMatchObject({ value: { redemption: { basis: 'provisional' } } });
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    expect((await a.db.redemptions.toArray())[0]).toMatchObject({ status: 'accepted' });
    expect((await b.db.redemptions.toArray())[0]).toMatchObject({ status: 'conflict' });
    expect(await b.db.serverRedemptions.count()).toBe(1);

    const owner = await signedInOwner(world);
    const list = await owner.get<{ items: { redemptionId: string; first: { storeId: string } }[] }>('/merchant/conflicts');
    const bRedemption = (await b.db.redemptions.toArray())[0]!;
    expect(list.body.items).toEqual([expect.objectContaining({ redemptionId: bRedemption.redemptionId, first: expect.objectContaining({ storeId: a.identity.storeId }) })]);
  });

  it('pulls within a second of a server nudge (SSE)', async () => {
    const world = await buildSyncWorld(server, { aOnly: 1, ab: 0, bc: 0 });
    const { db, engine } = terminal(world, 0, { live: true, idleMs: 60_000 });
    engine.start();
    await expect.poll(() => engine.status.lastSyncAt).not.toBeNull();
    const voucher = world.vouchers[0]!;
    const a2 = terminal(world, 1);
    await a2.engine.syncOnce();
    await redeemCodeOffline(a2.db, voucher.code, { storeId: world.terminals[1]!.storeId });
    await a2.engine.syncOnce();
    await expect.poll(async () => (await db.vouchers.get(voucher.id))?.redeemed, { timeout: 1_000, interval: 20 }).toBe(1);
  });

  it('approves with a PIN the back office set, and reverses through the outbox', async () => {
    const world = await buildSyncWorld(server, { aOnly: 1, ab: 0, bc: 0 });
    const { db, engine, identity } = terminal(world, 0);
    const owner = await signedInOwner(world);
    const manager = await addMerchantUser(server.db, world.merchantId, { login: `mgr-${world.merchantId}@example.com`, name: '李店长', role: 'manager', password: 'another horse 42' });
    const set = await owner.request('PUT', `/merchant/stores/${identity.storeId}/managers/${manager.id}`, JSON.stringify({ pin: '5791' }), 'application/json');
    expect(set.status).toBe(200);
    await engine.syncOnce();
    const policy = await db.storePolicies.get(identity.storeId);
    expect(policy?.managers?.map((m) => m.managerId).sort()).toEqual([manager.id, `mgr-${identity.storeId}`].sort());
    const gate = new ManagerPinGate();
    expect(await gate.approve(policy?.managers, '0000')).toMatchObject({ ok: false, code: 'MANAGER_PIN_INVALID' });
    expect(await gate.approve(policy?.managers, MANAGER_PIN)).toMatchObject({ ok: true, value: { managerId: `mgr-${identity.storeId}` } });
    // The server's own verifier (node:crypto, 100,000 iterations) checked with Web Crypto.
    const approval = await gate.approve(policy?.managers, '5791');
    if (!approval.ok) throw new Error(approval.code);
    expect(approval.value.managerId).toBe(manager.id);

    const redeemed = await redeemCodeOffline(db, world.vouchers[0]!.code, { storeId: identity.storeId, count: 2 });
    if (!redeemed.ok) throw new Error(redeemed.code);
    await engine.syncOnce();
    const reversed = await reverseRedemption(db, { redemptionId: redeemed.value.redemption.redemptionId, reason: '顾客要求', approval: approval.value, storeId: identity.storeId, now: new Date() });
    expect(reversed.ok).toBe(true);
    await engine.syncOnce();
    expect((await db.redemptions.toArray())[0]?.reversal).toMatchObject({ status: 'accepted' });
    expect(await db.vouchers.get(world.vouchers[0]!.id)).toMatchObject({ redeemed: 0, status: 'active' });
    const reversals = await server.db.kysely.selectFrom('redemption_reversals').selectAll().where('merchant_id', '=', world.merchantId).execute();
    expect(reversals).toEqual([expect.objectContaining({ uses_freed: 2, manager_id: approval.value.managerId })]);
  });
});
