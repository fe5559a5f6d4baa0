import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { PosDb } from '../../../../renderer/db/pos-db';
import { outboxBacklog } from '../../../../renderer/db/outbox';
import { writeMeta } from '../../../../renderer/db/sync-meta';
import { campaignRow, leaseRow, policyRow, voucherRow } from './support/fixtures';
import { freshDb, redeemCodeOffline } from './support/terminal';

const STORE = 'store-a';
const open: PosDb[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

/** A terminal database with a downloaded mirror: leased vouchers, the campaign and the policy. */
async function mirrored(db: PosDb, vouchers = [voucherRow()]) {
  open.push(db);
  await db.vouchers.bulkPut(vouchers);
  await db.leases.bulkPut(vouchers.map((v) => leaseRow(v)));
  await db.campaigns.put(campaignRow());
  await db.storePolicies.put(policyRow());
  await writeMeta(db, 'cursor', 'c:1');
  await writeMeta(db, 'lastContactAt', Date.now());
  return vouchers;
}

describe('Dexie schema v2', () => {
  it('upgrades a v1 database and keeps its pairing, language and redemptions', async () => {
    const name = freshDb().name;
    const v1 = new Dexie(name);
    v1.version(1).stores({ settings: '&key', redemptions: '&redemptionId, deviceTime, status' });
    await v1.table('settings').put({ key: 'language', value: 'en' });
    await v1.table('redemptions').bulkPut([
      { redemptionId: 'r1', codeMasked: '**** **** 1234', campaignTitle: 'A', count: 1, status: 'accepted', remaining: 1, errorCode: null, deviceTime: '2026-11-20T01:00:00.000Z', serverTime: '2026-11-20T01:00:00.100Z' },
      { redemptionId: 'r2', codeMasked: '**** **** 5678', campaignTitle: 'B', count: 2, status: 'pending', remaining: null, errorCode: null, deviceTime: '2026-11-20T02:00:00.000Z', serverTime: null },
    ]);
    v1.close();

    const db = new PosDb(name);
    open.push(db);
    expect(await db.settings.get('language')).toEqual({ key: 'language', value: 'en' });
    expect(await db.redemptions.get('r1')).toMatchObject({ status: 'accepted', mode: 'online', basis: null, reversal: null, settledAt: 0 });
    expect(await db.redemptions.get('r2')).toMatchObject({ status: 'pending', mode: 'online', settledAt: null });
    expect(await db.outbox.count()).toBe(0);
    expect(db.verno).toBeGreaterThanOrEqual(2);
  });
});

describe('outbox', () => {
  it('numbers entries gaplessly from two windows writing at once, one entry per redemption', async () => {
    const vouchers = await mirrored(freshDb(), Array.from({ length: 20 }, () => voucherRow()));
    const windowA = open[0]!;
    const windowB = new PosDb(windowA.name);
    open.push(windowB);
    const results = await Promise.all(vouchers.map((v, i) => redeemCodeOffline(i % 2 ? windowA : windowB, v.code, { storeId: STORE })));
    expect(results.every((r) => r.ok)).toBe(true);
    const entries = await windowA.outbox.orderBy('seq').toArray();
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const ids = entries.map((e) => (e.args as { redemptionId: string }).redemptionId).sort();
    expect(ids).toEqual((await windowA.redemptions.toArray()).map((r) => r.redemptionId).sort());
    expect(new Set(entries.map((e) => e.clientId)).size).toBe(20);
    expect(await outboxBacklog(windowA)).toMatchObject({ count: 20 });
  });

  it('writes the redemption and its entry together or not at all', async () => {
    const [voucher] = await mirrored(freshDb());
    const db = open[0]!;
    // A stray entry already holding the next number makes the append fail inside the transaction.
    await db.outbox.add({ seq: 1, clientId: '0190a000-0000-7000-8000-000000000000', intent: 'voucher.redeem@1', args: {}, deviceTime: new Date().toISOString(), state: 'done', result: null, createdAt: 0 });
    await expect(redeemCodeOffline(db, voucher!.code, { storeId: STORE })).rejects.toThrow();
    expect(await db.redemptions.count()).toBe(0);
    expect(await db.outbox.count()).toBe(1);
  });

  it('lets only one of two windows spend the last leased use', async () => {
    const [voucher] = await mirrored(freshDb(), [voucherRow({ uses: 1 })]);
    const other = new PosDb(open[0]!.name);
    open.push(other);
    const [a, b] = await Promise.all([redeemCodeOffline(open[0]!, voucher!.code, { storeId: STORE }), redeemCodeOffline(other, voucher!.code, { storeId: STORE })]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ code: 'VOUCHER_EXHAUSTED' });
    expect(await other.outbox.count()).toBe(1);
  });
});
