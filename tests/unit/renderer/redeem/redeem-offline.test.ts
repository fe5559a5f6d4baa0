import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPinia, setActivePinia } from 'pinia';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPosDb } from '../../../../renderer/db/instance';
import type { PosDb } from '../../../../renderer/db/pos-db';
import { useStaffStore } from '../../../../renderer/staff/staff-store';
import { useRedeemStore } from '../../../../renderer/redeem/redeem-store';
import { useSessionStore } from '../../../../renderer/pairing/session-store';
import { useSyncStore } from '../../../../renderer/sync/sync-store';
import { redeemCodeOffline } from '../sync/support/terminal';
import { mintPairingCode } from '../../../../server/repositories/pairing-repository';
import { startServer, type RunningServer } from '../../../../server';
import { startCuttableProxy, type CuttableProxy } from '../../../property/support/cuttable-proxy';
import { buildSyncWorld, MANAGER_PIN, setStorePolicy, type SyncWorld } from '../../../property/support/sync-world';
import { posSyncWiring } from '../../../../renderer/app/sync-wiring';

// The counter's stores (Pinia) with the sync engine, against the real server behind a cuttable proxy.
let server: RunningServer;
let dir: string;
let proxy: CuttableProxy;
let db: PosDb;
let count = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hexiao-redeem-offline-'));
  server = await startServer({ port: 0, dataDir: dir, demo: false, logLevel: 'silent' });
});

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  setActivePinia(createPinia());
  db = openPosDb(`redeem-offline-${process.pid}-${++count}`);
  proxy = await startCuttableProxy({ host: '127.0.0.1', port: server.port });
});

afterEach(async () => {
  useSyncStore().stop();
  await proxy.close();
});

/** A POS paired to terminal `index` through the proxy, its mirror downloaded. */
async function counter(world: SyncWorld, index: number) {
  const identity = world.terminals[index]!;
  const { code } = await mintPairingCode(server.db, identity.terminalId);
  const session = useSessionStore();
  await session.init({ serverUrl: proxy.url, pairingCode: code });
  const sync = useSyncStore();
  sync.start(session.pairing!, posSyncWiring());
  await expect.poll(() => sync.status.lastSyncAt, { timeout: 10_000 }).not.toBeNull();
  // Every redemption names who made it: the store's manager is signed in at this counter.
  useStaffStore().current = { userId: `mgr-${identity.storeId}`, name: '店长', role: 'manager' };
  return { redeem: useRedeemStore(), sync, session };
}

const ledger = (id: string) => server.db.kysely.selectFrom('redemptions').selectAll().where('redemption_id', '=', id).execute();

describe('redeem flow offline', () => {
  it('looks the code up in the mirror when the server is out of reach and redeems through the outbox', async () => {
    const world = await buildSyncWorld(server, { aOnly: 1, ab: 0, bc: 0 });
    const { redeem, sync } = await counter(world, 0);
    proxy.set('cut');
    redeem.input = world.vouchers[0]!.code;
    await redeem.submitCode();
    expect(redeem.phase).toBe('preview');
    expect(redeem.offline?.verdict).toMatchObject({ ok: true, basis: 'lease' });
    expect(redeem.preview).toMatchObject({ remaining: 2, campaignTitle: '1 店通用券' });
    await redeem.confirm();
    expect(redeem.phase).toBe('success');
    expect(redeem.offlineResult).toMatchObject({ mode: 'offline', status: 'pending', basis: 'lease', remaining: 1 });
    await expect.poll(() => sync.backlog.count).toBe(1);

    proxy.set('open');
    sync.nudge();
    await expect.poll(() => sync.backlog.count, { timeout: 10_000 }).toBe(0);
    // The offline entry named the cashier who was signed in, and the server stored it.
    expect(await ledger(redeem.offlineResult!.redemptionId)).toEqual([
      expect.objectContaining({ mode: 'offline', outcome: 'accepted', cashier_id: `mgr-${world.terminals[0]!.storeId}` }),
    ]);
    expect(await db.redemptions.get(redeem.offlineResult!.redemptionId)).toMatchObject({ status: 'accepted', cashierName: '店长' });
  });

  it('redeems offline under the same id when the online answer and the status check are lost; the server keeps one', async () => {
    const world = await buildSyncWorld(server, { aOnly: 1, ab: 0, bc: 0 });
    const { redeem, sync } = await counter(world, 0);
    redeem.input = world.vouchers[0]!.code;
    await redeem.submitCode();
    expect(redeem.offline).toBeNull();
    proxy.set('dropAnswers');
    await redeem.confirm();
    expect(redeem.phase).toBe('success');
    const id = redeem.offlineResult!.redemptionId;
    expect(await ledger(id)).toEqual([expect.objectContaining({ mode: 'online', outcome: 'accepted' })]);

    proxy.set('open');
    sync.nudge();
    await expect.poll(async () => (await db.redemptions.get(id))?.status, { timeout: 10_000 }).toBe('accepted');
    expect(await db.redemptions.get(id)).toMatchObject({ mode: 'offline' });
    expect((await db.outbox.toArray()).map((e) => e.result?.status)).toEqual(['duplicate']);
    expect(await ledger(id)).toHaveLength(1);
    expect(await server.db.kysely.selectFrom('vouchers').select('redeemed').where('id', '=', world.vouchers[0]!.id).executeTakeFirst()).toEqual({ redeemed: 1 });
  });

  it('asks for a manager PIN above the policy threshold, and refuses when the policy allows nothing offline', async () => {
    const world = await buildSyncWorld(server, { aOnly: 0, ab: 0, bc: 2 });
    await server.db.kysely.deleteFrom('store_managers').where('store_id', '=', world.terminals[3]!.storeId).execute();
    await server.db.kysely.deleteFrom('store_policies').where('store_id', '=', world.terminals[3]!.storeId).execute();
    await setStorePolicy(server.db, world.merchantId, world.terminals[3]!.storeId, { provisionalEnabled: false });
    await server.db.kysely.updateTable('store_policies').set({ manager_pin_above_fen: 1_000 }).where('store_id', '=', world.terminals[2]!.storeId).execute();
    const { redeem } = await counter(world, 2);
    proxy.set('cut');
    redeem.input = world.vouchers[0]!.code;
    await redeem.submitCode();
    expect(redeem.offline?.verdict).toMatchObject({ ok: true, basis: 'provisional', needsPin: true });
    await redeem.confirm();
    expect(redeem.phase).toBe('approval');
    expect(await redeem.approve('0000')).toBe('MANAGER_PIN_INVALID');
    expect(redeem.phase).toBe('approval');
    expect(await redeem.approve(MANAGER_PIN)).toBeNull();
    expect(redeem.phase).toBe('success');
    expect(redeem.offlineResult).toMatchObject({ basis: 'provisional', valueFen: 2_000 });
    const [entry] = await db.outbox.toArray();
    expect(entry?.args).toMatchObject({ basis: 'provisional', approval: { managerId: `mgr-${world.terminals[2]!.storeId}` } });

    useSyncStore().stop();
    setActivePinia(createPinia());
    openPosDb(`redeem-offline-${process.pid}-${++count}`);
    proxy.set('open');
    const c = await counter(world, 3);
    proxy.set('cut');
    c.redeem.input = world.vouchers[1]!.code;
    await c.redeem.submitCode();
    expect(c.redeem.phase).toBe('refused');
    expect(c.redeem.errorCode).toBe('OFFLINE_NOT_ALLOWED');
  });

  it('pushes whatever lands in the outbox at once, without waiting for the next round', async () => {
    const world = await buildSyncWorld(server, { aOnly: 1, ab: 0, bc: 0 });
    const { sync } = await counter(world, 0);
    const started = sync.status.lastSyncAt;
    // Written straight to the database, as another window or another feature would: nobody nudges.
    const written = await redeemCodeOffline(db, world.vouchers[0]!.code, { storeId: world.terminals[0]!.storeId });
    if (!written.ok) throw new Error(written.code);
    await expect.poll(async () => (await db.redemptions.get(written.value.redemption.redemptionId))?.status, { timeout: 5_000 }).toBe('accepted');
    // The round's results are written before its status is: wait for the round to finish.
    await expect.poll(() => sync.status.lastSyncAt, { timeout: 5_000 }).not.toBe(started);
  });
});
