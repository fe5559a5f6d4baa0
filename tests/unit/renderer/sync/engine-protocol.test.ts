import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosDb } from '../../../../renderer/db/pos-db';
import { outboxBacklog } from '../../../../renderer/db/outbox';
import { readMeta } from '../../../../renderer/db/sync-meta';
import type { SyncStatus } from '../../../../renderer/sync/sync-status';
import { startContractServer, type ContractServer } from './support/contract-server';
import { campaignRow, change, leaseRow, policyRow, voucherRow } from './support/fixtures';
import { engineFor, freshDb, redeemCodeOffline } from './support/terminal';

// The engine against the wire contract served from memory, for the corners the real server does
// not produce on demand (gap, 413, 503 half-way, dropped answers, resets).
const STORE = 'store-a';
let server: ContractServer;
let db: PosDb;

beforeEach(async () => {
  server = await startContractServer({ storeId: STORE });
  db = freshDb();
  server.upsert(change('campaign', 'camp-1', campaignRow()));
  server.upsert(change('store_policy', STORE, policyRow()));
});

afterEach(async () => {
  db.close();
  await server.close();
});

const identity = () => ({ deviceId: server.deviceId, storeId: STORE });

function seedLeased(n: number) {
  return Array.from({ length: n }, () => {
    const voucher = voucherRow();
    server.upsert(change('voucher', voucher.voucherId, voucher));
    const lease = leaseRow(voucher);
    server.upsert(change('lease', lease.leaseId, lease));
    return voucher;
  });
}

describe('pull', () => {
  it('downloads a paged snapshot with progress, then follows the change log', async () => {
    const vouchers = seedLeased(12);
    const engine = engineFor(db, server, identity(), { pullLimit: 10 });
    const seen: SyncStatus[] = [];
    engine.subscribe((s) => seen.push(s));
    expect(await engine.syncOnce()).toEqual({ ok: true });
    expect(await db.vouchers.count()).toBe(12);
    expect(await db.leases.count()).toBe(12);
    expect(await db.storePolicies.get(STORE)).toMatchObject({ reverseWindowMinutes: 30 });
    expect(server.pullCursors[0]).toBeNull();
    expect(server.pullCursors.slice(1, 3)).toEqual(['s:10:26', 's:20:26']);
    expect(seen.map((s) => s.snapshot).filter(Boolean)).toEqual([
      { done: 10, total: 26 },
      { done: 20, total: 26 },
    ]);
    expect(engine.status).toMatchObject({ connection: 'online', snapshot: null, problem: null });
    expect(await readMeta(db, 'snapshot')).toBeNull();

    const spent = { ...vouchers[0]!, redeemed: 2, status: 'exhausted' as const, version: 2 };
    server.upsert(change('voucher', spent.voucherId, spent));
    await engine.syncOnce();
    expect(server.pullCursors.at(-1)).toBe('c:26');
    expect(await db.vouchers.get(spent.voucherId)).toMatchObject({ redeemed: 2, status: 'exhausted' });
  });

  it('drops the mirror on reset and downloads it again', async () => {
    seedLeased(3);
    const engine = engineFor(db, server, identity());
    await engine.syncOnce();
    const stray = voucherRow();
    await db.vouchers.put(stray);
    server.faults.resetNextPull = true;
    server.upsert(change('voucher', 'v-new', voucherRow({ voucherId: 'v-new' })));
    await engine.syncOnce();
    expect(await db.vouchers.get(stray.voucherId)).toBeUndefined();
    expect(await db.vouchers.count()).toBe(4);
  });

  it('resumes a snapshot from its cursor after a restart', async () => {
    seedLeased(30);
    let pulls = 0;
    const first = engineFor(db, server, identity(), { pullLimit: 10 });
    const transport = (first as unknown as { options: { transport: { pull: (q: unknown) => Promise<unknown> } } }).options.transport;
    const realPull = transport.pull.bind(transport);
    transport.pull = async (q) => (++pulls > 2 ? { kind: 'retry', code: 'NETWORK_UNREACHABLE' } : realPull(q));
    expect(await first.syncOnce()).toMatchObject({ ok: false, retry: true });
    expect(await readMeta(db, 'snapshot')).toMatchObject({ done: 20 });
    await expect((await import('../../../../renderer/redeem/offline/voucher-lookup')).findVoucherOffline(db, { code: '000000000000' }, STORE, new Date())).resolves.toMatchObject({ code: 'OFFLINE_NOT_READY' });

    const second = engineFor(db, server, identity(), { pullLimit: 10 });
    expect(await second.syncOnce()).toEqual({ ok: true });
    expect(server.pullCursors.filter((c) => c === null)).toHaveLength(1);
    expect(await db.vouchers.count()).toBe(30);
  });
});

describe('push', () => {
  it('settles each redemption once when an answer is lost and the batch is sent again', async () => {
    const [a, b] = seedLeased(2);
    const engine = engineFor(db, server, identity());
    await engine.syncOnce();
    const first = await redeemCodeOffline(db, a!.code, { storeId: STORE });
    const second = await redeemCodeOffline(db, b!.code, { storeId: STORE, count: 2 });
    expect(first.ok && second.ok).toBe(true);
    expect(await outboxBacklog(db)).toMatchObject({ count: 2 });

    server.faults.dropPushAnswer = true;
    expect(await engine.syncOnce()).toMatchObject({ ok: false, retry: true });
    expect(engine.status.connection).toBe('offline');
    expect(server.lastSeq).toBe(2);
    expect(await engine.syncOnce()).toEqual({ ok: true });
    const rows = await db.redemptions.toArray();
    expect(rows.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect((await db.outbox.toArray()).map((e) => e.result?.status)).toEqual(['duplicate', 'duplicate']);
    expect(await outboxBacklog(db)).toEqual({ count: 0, oldestAt: null });
    expect(server.voucher(b!.voucherId)).toMatchObject({ redeemed: 2 });
    expect(await db.vouchers.get(b!.voucherId)).toMatchObject({ redeemed: 2 });
  });

  it('resends from the expected seq when the server reports a gap', async () => {
    const vouchers = seedLeased(4);
    const engine = engineFor(db, server, identity());
    await engine.syncOnce();
    for (const v of vouchers.slice(0, 3)) await redeemCodeOffline(db, v.code, { storeId: STORE });
    await engine.syncOnce();
    expect(server.lastSeq).toBe(3);
    server.faults.forgetFrom = 2;
    await redeemCodeOffline(db, vouchers[3]!.code, { storeId: STORE });
    expect(await engine.syncOnce()).toEqual({ ok: true });
    expect(server.lastSeq).toBe(4);
    expect([...server.results.keys()].sort()).toEqual([1, 2, 3, 4]);
    expect(server.pushBatchSizes.slice(-2)).toEqual([1, 3]);
  });

  it('after a 503 half-way resends: the durable part answers as duplicates, the rest is applied', async () => {
    const vouchers = seedLeased(6);
    const engine = engineFor(db, server, identity());
    await engine.syncOnce();
    for (const v of vouchers) await redeemCodeOffline(db, v.code, { storeId: STORE });
    server.faults.unavailableAfter = 3;
    expect(await engine.syncOnce()).toMatchObject({ ok: false, retry: true, code: 'UNAVAILABLE' });
    expect(server.lastSeq).toBe(3);
    expect(await engine.syncOnce()).toEqual({ ok: true });
    const statuses = (await db.outbox.orderBy('seq').toArray()).map((e) => e.result?.status);
    expect(statuses).toEqual(['duplicate', 'duplicate', 'duplicate', 'applied', 'applied', 'applied']);
    expect(server.results.size).toBe(6);
  });

  it('halves the batch on 413 until it fits', async () => {
    const vouchers = seedLeased(10);
    const engine = engineFor(db, server, identity(), { pushBatch: 16 });
    await engine.syncOnce();
    for (const v of vouchers) await redeemCodeOffline(db, v.code, { storeId: STORE });
    server.faults.tooLargeAbove = 4;
    expect(await engine.syncOnce()).toEqual({ ok: true });
    expect(server.pushBatchSizes).toEqual([10, 5, 3, 3, 3, 1]);
    expect(server.lastSeq).toBe(10);
  });

  it('shows a conflict when the voucher was spent elsewhere before the push', async () => {
    const voucher = voucherRow({ storeIds: [STORE, 'store-b'] });
    server.upsert(change('voucher', voucher.voucherId, voucher));
    const engine = engineFor(db, server, identity());
    await engine.syncOnce();
    const approval = { managerId: 'mgr-1', approvedAt: new Date().toISOString() };
    const redeemed = await redeemCodeOffline(db, voucher.code, { storeId: STORE, count: 2, approval });
    expect(redeemed).toMatchObject({ ok: true, value: { redemption: { basis: 'provisional', status: 'pending' } } });
    server.upsert(change('voucher', voucher.voucherId, { ...voucher, redeemed: 1, version: 2 }));
    await engine.syncOnce();
    expect((await db.redemptions.toArray())[0]).toMatchObject({ status: 'conflict' });
  });

  it('stops and says why when the server refuses the device', async () => {
    seedLeased(1);
    const engine = engineFor(db, server, { deviceId: 'someone-else', storeId: STORE });
    await engine.syncOnce();
    await redeemCodeOffline(db, (await db.vouchers.toCollection().first())!.code, { storeId: STORE });
    expect(await engine.syncOnce()).toMatchObject({ ok: false, retry: false, code: 'FORBIDDEN' });
    expect(engine.status.problem).toBe('FORBIDDEN');
    expect(await outboxBacklog(db)).toMatchObject({ count: 1 });
  });
});

describe('running', () => {
  it('pulls within a second of a server nudge', async () => {
    const [voucher] = seedLeased(1);
    const engine = engineFor(db, server, identity(), { live: true, idleMs: 60_000 });
    engine.start();
    await expect.poll(() => engine.status.lastSyncAt).not.toBeNull();
    await expect.poll(() => server.sseClients()).toBe(1);
    const pullsBefore = server.pullCursors.length;
    server.upsert(change('voucher', voucher!.voucherId, { ...voucher!, status: 'void', version: 2 }));
    await expect.poll(async () => (await db.vouchers.get(voucher!.voucherId))?.status, { timeout: 1_000, interval: 20 }).toBe('void');
    expect(server.pullCursors.length).toBeGreaterThan(pullsBefore);
    await engine.stop();
  });

  it('runs in one engine per database: a second waits and takes over when the first stops', async () => {
    seedLeased(1);
    const one = engineFor(db, server, identity(), { idleMs: 60_000 });
    const two = engineFor(db, server, identity(), { idleMs: 60_000 });
    one.start();
    two.start();
    await expect.poll(() => one.status.lastSyncAt).not.toBeNull();
    expect([one.status.leader, two.status.leader]).toEqual([true, false]);
    await one.stop();
    await expect.poll(() => two.status.leader).toBe(true);
    await two.stop();
  });

  it('backs off while the server is away and syncs again when it is back', async () => {
    const [voucher] = seedLeased(1);
    const engine = engineFor(db, server, identity(), { idleMs: 60_000 });
    engine.start();
    await expect.poll(() => engine.status.lastSyncAt).not.toBeNull();
    await redeemCodeOffline(db, voucher!.code, { storeId: STORE });
    const answers = server.results.size;
    const seen: SyncStatus[] = [];
    engine.subscribe((s) => seen.push(s));
    server.faults.dropPushAnswer = true;
    engine.nudge();
    await expect.poll(() => seen.some((s) => s.connection === 'offline' && s.retryAt !== null)).toBe(true);
    await expect.poll(() => engine.status.connection, { timeout: 2_000 }).toBe('online');
    expect(server.results.size).toBe(answers + 1);
    await expect.poll(async () => (await outboxBacklog(db)).count).toBe(0);
    await engine.stop();
  });
});
