import { pbkdf2Sync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeBase64url } from '../../../core/base64url';
import { CampaignRow, LeaseRow, parsePinVerifier, PullResponse, StorePolicyRow, VoucherRow, type Change } from '../../../core/sync';
import { createCampaign } from '../../../server/repositories/merchant-setup';
import { pruneChangeLog } from '../../../server/sync/pull/prune-change-log';
import { errorCode } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import { buildSyncWorld, MANAGER_PIN, startSyncServer, type SyncServer, type SyncWorld } from './support/sync-world';

const DAY = 86_400_000;
const ofKind = (changes: Change[], kind: Change['kind']) => changes.filter((c) => c.kind === kind);

describe.each(BACKENDS)('sync pull (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    s = await startSyncServer(kind);
  });
  afterAll(async () => {
    await s?.stop();
  });

  async function freshWorld() {
    w = await buildSyncWorld(s.server);
    const onlyB = await createCampaign(s.server.db, w.merchant.id, {
      kind: 'product', title: 'B 店专享', priceFen: 100, faceValueFen: 100, usesPerVoucher: 1,
      validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + 30 * DAY), storeIds: [w.stores.b.id],
    });
    return { onlyB };
  }

  it('downloads a first sync as a paged snapshot with progress, then continues with the tail', async () => {
    const { onlyB } = await freshWorld();
    const both = await Promise.all(Array.from({ length: 12 }, () => w.issue(w.campaigns.bothStores)));
    const aOnly = await Promise.all(Array.from({ length: 3 }, () => w.issue(w.campaigns.storeAOnly)));
    await w.issue(onlyB);
    await w.issue(w.campaigns.bothStores, { validFrom: new Date(Date.now() - 3 * DAY), validUntil: new Date(Date.now() - DAY) });

    const { pages, changes, cursor } = await w.a1.pullAll(undefined, 5);
    const snapshotPages = pages.filter((p) => p.snapshot);
    expect(snapshotPages.length).toBeGreaterThanOrEqual(4);
    for (const page of pages) expect(() => PullResponse.parse(page)).not.toThrow();
    const totals = new Set(snapshotPages.map((p) => p.progress?.total));
    expect(totals.size).toBe(1);
    const dones = snapshotPages.map((p) => p.progress!.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(dones.at(-1)).toBe(snapshotPages[0]!.progress!.total);
    for (const page of snapshotPages) expect(page.changes.length).toBeLessThanOrEqual(5);

    expect(changes[0]?.kind).toBe('store_policy');
    const policy = StorePolicyRow.parse(changes[0]?.data);
    expect(policy).toMatchObject({ storeId: w.stores.a.id, reverseWindowMinutes: 30, provisional: { enabled: true } });
    const verifier = parsePinVerifier(policy.managers![0]!.pinVerifier)!;
    const derived = pbkdf2Sync(MANAGER_PIN, decodeBase64url(verifier.salt)!, verifier.iterations, 32, 'sha256').toString('base64url');
    expect(policy.managers).toEqual([{ managerId: w.manager.id, name: '店长', pinVerifier: expect.any(String) }]);
    expect(derived).toBe(verifier.hash);

    const campaigns = ofKind(changes, 'campaign').map((c) => CampaignRow.parse(c.data));
    expect(campaigns.map((c) => c.title).sort()).toEqual(['50元代金券', '双人套餐'].sort());
    // The snapshot lists what is redeemable at A now; the tail after it may repeat recent changes.
    const listed = ofKind(snapshotPages.flatMap((p) => p.changes), 'voucher').map((c) => VoucherRow.parse(c.data));
    expect(listed.map((v) => v.voucherId).sort()).toEqual([...both, ...aOnly].map((v) => v.id).sort());
    const vouchers = ofKind(changes, 'voucher').map((c) => VoucherRow.parse(c.data));
    expect(vouchers.every((v) => v.storeIds.includes(w.stores.a.id))).toBe(true);
    const sample = vouchers.find((v) => v.voucherId === both[0]!.id)!;
    expect(sample).toMatchObject({ code: both[0]!.code, uses: 2, redeemed: 0, status: 'active' });
    expect(sample.storeIds.sort()).toEqual([w.stores.a.id, w.stores.b.id].sort());
    expect(vouchers.find((v) => v.voucherId === aOnly[0]!.id)?.storeIds).toEqual([w.stores.a.id]);
    const leases = ofKind(changes, 'lease').map((c) => LeaseRow.parse(c.data));
    expect(leases.map((l) => l.voucherId).sort()).toEqual(aOnly.map((v) => v.id).sort());
    expect(leases.every((l) => l.storeId === w.stores.a.id && l.uses === 1 && !l.revoked)).toBe(true);

    const quiet = await w.a1.pull(cursor);
    expect(quiet.body).toMatchObject({ changes: [], hasMore: false, reset: false, snapshot: false, progress: null });
  });

  it('sends redemptions made elsewhere as voucher updates, the store’s own lease as it is spent, and its conflicts', async () => {
    await freshWorld();
    const shared = await w.issue(w.campaigns.bothStores, { uses: 1 });
    const leased = await w.issue(w.campaigns.storeAOnly);
    const start = await w.a1.pullAll();

    const offline = w.a1.redeem(shared.code);
    expect((await w.b1.client.post('/vouchers/redeem', { cashierId: 'cashier-1', redemptionId: randomUUID(), code: shared.code, count: 1, deviceTime: new Date().toISOString() })).status).toBe(200);
    expect((await w.a1.pushOk([offline])).results[0]?.status).toBe('conflict');
    expect((await w.a2.client.post('/vouchers/redeem', { cashierId: 'cashier-1', redemptionId: randomUUID(), code: leased.code, count: 1, deviceTime: new Date().toISOString() })).status).toBe(200);

    const tail = await w.a1.pullAll(start.cursor);
    expect(tail.pages.every((p) => !p.snapshot && !p.reset)).toBe(true);
    const vouchers = ofKind(tail.changes, 'voucher').map((c) => VoucherRow.parse(c.data));
    expect(vouchers.find((v) => v.voucherId === shared.id)).toMatchObject({ redeemed: 1, status: 'exhausted' });
    expect(vouchers.find((v) => v.voucherId === leased.id)).toMatchObject({ redeemed: 1 });
    expect(ofKind(tail.changes, 'lease').map((c) => LeaseRow.parse(c.data)).find((l) => l.voucherId === leased.id)).toMatchObject({ uses: 0, revoked: false });
    expect(ofKind(tail.changes, 'redemption')).toEqual([
      { kind: 'redemption', id: offline.args.redemptionId, op: 'upsert', data: expect.objectContaining({ outcome: 'conflict', mode: 'offline', storeId: w.stores.a.id }) },
    ]);
    // Store B sees the voucher update but not A's conflict.
    const b = await w.b1.pullAll();
    expect(ofKind(b.changes, 'redemption')).toEqual([]);
  });

  it('follows campaigns joining or leaving the store, policy changes and new merchant keys', async () => {
    const { onlyB } = await freshWorld();
    const movable = await w.issue(onlyB);
    const start = await w.a1.pullAll();
    expect(ofKind(start.changes, 'voucher').some((c) => c.id === movable.id)).toBe(false);

    await s.server.db.kysely.insertInto('campaign_stores').values({ merchant_id: w.merchant.id, campaign_id: onlyB.id, store_id: w.stores.a.id }).execute();
    await s.server.db.kysely.updateTable('campaigns').set({ title: '两店通用' }).where('id', '=', onlyB.id).execute();
    const joined = await w.a1.pullAll(start.cursor);
    expect(ofKind(joined.changes, 'campaign')).toEqual([expect.objectContaining({ id: onlyB.id, op: 'upsert', data: expect.objectContaining({ title: '两店通用' }) })]);
    expect(ofKind(joined.changes, 'voucher').map((c) => [c.id, c.op])).toEqual([[movable.id, 'upsert']]);

    await s.server.db.kysely.deleteFrom('campaign_stores').where('campaign_id', '=', onlyB.id).where('store_id', '=', w.stores.a.id).execute();
    const policy = { provisionalEnabled: false, maxCountPerTerminal: 3, maxValueFenPerTerminal: 5000, maxOfflineHours: 4, managerPinAboveFen: 1000, reverseWindowMinutes: 10, leaseMultiStore: false, leaseHours: 24 };
    expect((await w.merchantClient.request('PUT', `/merchant/stores/${w.stores.a.id}/offline-policy`, JSON.stringify(policy), 'application/json')).status).toBe(200);
    await s.server.db.kysely.insertInto('merchant_keys').values({ merchant_id: w.merchant.id, kid: 'kpull1', public_key: 'A'.repeat(43), private_key_enc: 'sealed', status: 'active', not_after: null, created_at: new Date().toISOString(), retired_at: null }).execute();
    const left = await w.a1.pullAll(joined.cursor);
    expect(left.changes.filter((c) => c.op === 'delete').map((c) => [c.kind, c.id]).sort()).toEqual([['campaign', onlyB.id], ['voucher', movable.id]].sort());
    expect(ofKind(left.changes, 'store_policy')[0]?.data).toMatchObject({ provisional: { enabled: false, maxCountPerTerminal: 3 }, reverseWindowMinutes: 10 });
    expect(ofKind(left.changes, 'merchant_key')).toEqual([{ kind: 'merchant_key', id: 'kpull1', op: 'upsert', data: { kid: 'kpull1', publicKey: 'A'.repeat(43), notAfter: null } }]);
    // Store B keeps the campaign: nothing was deleted there.
    expect((await w.b1.pullAll()).changes.some((c) => c.op === 'delete')).toBe(false);
  });

  it('tells a terminal to start over when its cursor belongs to another store or is older than the kept log', async () => {
    await freshWorld();
    await w.issue(w.campaigns.bothStores);
    const a = await w.a1.pullAll();
    const foreign = await w.b1.pull(a.cursor);
    expect(foreign.body).toMatchObject({ reset: true, changes: [], cursor: '' });
    const garbage = await w.a1.pull('bm90LWEtY3Vyc29y');
    expect([garbage.status, errorCode(garbage)]).toEqual([400, 'VALIDATION_FAILED']);
    const badLimit = await w.a1.client.get('/sync/pull?limit=0');
    expect(badLimit.status).toBe(400);
    expect((await w.a1.client.get('/sync/pull')).status).toBe(200);
    expect((await w.a1.client.withToken(undefined).get('/sync/pull')).status).toBe(401);

    await w.issue(w.campaigns.bothStores);
    // On PostgreSQL pruning stops at the cluster's oldest open transaction (another test's, say):
    // prune again until it has passed the change the old cursor still needs.
    await vi.waitFor(
      async () => {
        await pruneChangeLog(s.server.db, new Date(Date.now() + 60_000));
        expect((await w.a1.pull(a.cursor)).body).toMatchObject({ reset: true, changes: [] });
      },
      { timeout: 15_000, interval: 100 },
    );
    const again = await w.a1.pullAll();
    // The tail may repeat changes since the snapshot began (at-least-once): count vouchers, not changes.
    expect(new Set(ofKind(again.changes, 'voucher').map((c) => c.id)).size).toBe(2);
    expect((await w.a1.pull(again.cursor)).body).toMatchObject({ reset: false, changes: [] });
  });

  it('leases multi-store vouchers to a store whose policy says so when it pulls them', async () => {
    await freshWorld();
    const voucher = await w.issue(w.campaigns.bothStores);
    const policy = { provisionalEnabled: true, maxCountPerTerminal: 20, maxValueFenPerTerminal: 100000, maxOfflineHours: 24, managerPinAboveFen: 20000, reverseWindowMinutes: 30, leaseMultiStore: true, leaseHours: 48 };
    expect((await w.merchantClient.request('PUT', `/merchant/stores/${w.stores.b.id}/offline-policy`, JSON.stringify(policy), 'application/json')).status).toBe(200);
    const b = await w.b1.pullAll();
    const lease = ofKind(b.changes, 'lease').map((c) => LeaseRow.parse(c.data)).find((l) => l.voucherId === voucher.id);
    expect(lease).toMatchObject({ storeId: w.stores.b.id, uses: 2, revoked: false });
    expect(Date.parse(lease!.expiresAt) - Date.now()).toBeGreaterThan(47 * 3_600_000);
    const atA = await w.a1.client.post('/vouchers/redeem', { cashierId: 'cashier-1', redemptionId: randomUUID(), code: voucher.code, count: 1, deviceTime: new Date().toISOString() });
    expect(errorCode(atA)).toBe('LEASE_HELD_ELSEWHERE');
    // Store A (default policy) takes no lease, and B's lease is not in A's mirror.
    const a = await w.a1.pullAll();
    expect(ofKind(a.changes, 'lease').some((c) => (c.data as LeaseRow).voucherId === voucher.id)).toBe(false);
  });
});
