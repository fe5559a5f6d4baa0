import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskCode } from '../../../core/voucher-code';
import { createCampaign, createTerminal, issueVouchers } from '../../../server/repositories/merchant-setup';
import { newId } from '../../../server/security/ids';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import { buildBackofficeWorld, signIn, startBackofficeServer, type BackofficeServer, type BackofficeWorld } from './support/backoffice-world';
import { addCounterUser, idsAgainstTime, insertRedemption, manageStore, readAllPages } from './support/ledger-fixtures';

interface Entry {
  redemptionId: string;
  count: number;
  faceValueFen: number;
  voucher: { id: string; codeMasked: string };
  campaign: { id: string; title: string; faceValueFen: number };
  store: { id: string; name: string | null };
  terminal: { id: string; name: string | null };
  cashier: { id: string; name: string | null } | null;
  serverTime: string;
  mode: string;
  outcome: string;
  reversal: { at: string; usesFreed: number; reason: string; manager: { id: string; name: string | null } | null } | null;
}

const DAY = 86_400_000;

describe.each(BACKENDS)('redemption ledger (%s)', (kind) => {
  let running: BackofficeServer;
  let world: BackofficeWorld;
  let owner: ApiClient;
  let manager: ApiClient;
  let otherOwner: ApiClient;
  let rows: { id: string; at: string; storeId: string; terminalId: string }[];
  let vouchers: { id: string; code: string }[];
  let campaignId: string;
  let cashierId: string;
  let managerCounterId: string;

  beforeAll(async () => {
    running = await startBackofficeServer(kind);
    const db = running.server.db;
    world = await buildBackofficeWorld(db);
    const m = world.merchant.id;
    owner = await signIn(running.server, world.owner.login, 'owner-secret-1');
    manager = await signIn(running.server, world.manager.login, 'manager-secret-1');
    otherOwner = await signIn(running.server, world.other.owner.login, 'other-secret-1');
    await manageStore(db, m, world.stores.b.id, world.manager.id);

    const now = new Date();
    const spec = {
      kind: 'product' as const, title: '双人套餐', priceFen: 9900, faceValueFen: 16800, usesPerVoucher: 5,
      validFrom: new Date(now.getTime() - DAY), validUntil: new Date(now.getTime() + 90 * DAY),
    };
    const campaign = await createCampaign(db, m, { ...spec, storeIds: [world.stores.a.id, world.stores.b.id] });
    campaignId = campaign.id;
    vouchers = await issueVouchers(db, m, campaign, { count: 4 });
    cashierId = await addCounterUser(db, m, world.stores.a.id, '小王');
    managerCounterId = await addCounterUser(db, m, world.stores.a.id, '张经理', 'manager');

    // 17 rows: three to an instant, ids descending while time ascends; alternating stores.
    rows = idsAgainstTime(17).map((r, i) => ({
      ...r,
      storeId: i % 2 === 0 ? world.stores.a.id : world.stores.b.id,
      terminalId: i % 2 === 0 ? world.terminal.id : world.terminalB.id,
    }));
    for (const [i, r] of rows.entries()) {
      await insertRedemption(db, {
        merchantId: m, redemptionId: r.id, voucherId: vouchers[i % 4]!.id, storeId: r.storeId, terminalId: r.terminalId, serverTime: r.at,
        cashierId: i === 0 ? cashierId : i === 2 ? 'gone-cashier' : null, mode: i % 3 === 0 ? 'offline' : 'online', count: i === 0 ? 2 : 1,
      });
    }
    await db.kysely
      .insertInto('redemption_reversals')
      .values({
        merchant_id: m, reversal_id: newId(), redemption_id: rows[0]!.id, voucher_id: vouchers[0]!.id, uses_freed: 2, store_id: world.stores.a.id,
        terminal_id: world.terminal.id, manager_id: managerCounterId, approved_at: '2026-11-20T09:00:00.000Z', reason: '误核销',
        device_time: '2026-11-20T09:00:00.000Z', server_time: '2026-11-20T09:00:01.000Z', remaining_after: 5,
      })
      .execute();
    // Another merchant's redemption never shows.
    const otherCampaign = await createCampaign(db, world.other.merchant.id, { ...spec, storeIds: [world.other.store.id] });
    const otherTerminal = await createTerminal(db, world.other.merchant.id, world.other.store.id, '别家机');
    const [otherVoucher] = await issueVouchers(db, world.other.merchant.id, otherCampaign, { count: 1 });
    await insertRedemption(db, {
      merchantId: world.other.merchant.id, voucherId: otherVoucher!.id, storeId: world.other.store.id, terminalId: otherTerminal.id, serverTime: rows[5]!.at,
    });
  });
  afterAll(async () => running?.stop());

  const expectedOrder = () => [...rows].sort((x, y) => (x.at === y.at ? (x.id < y.id ? 1 : -1) : x.at < y.at ? 1 : -1)).map((r) => r.id);

  it('pages every redemption exactly once, newest first, though ids sort against time', async () => {
    for (const limit of [1, 2, 4, 5, 50]) {
      const all = await readAllPages<Entry>(owner, '/merchant/redemptions', limit);
      expect(all.map((e) => e.redemptionId)).toEqual(expectedOrder());
    }
  });

  it('shows voucher, campaign, face value, names, cashier and the reversal', async () => {
    const all = await readAllPages<Entry>(owner, '/merchant/redemptions', 50);
    const first = all.find((e) => e.redemptionId === rows[0]!.id)!;
    expect(first).toMatchObject({
      count: 2,
      faceValueFen: 33600,
      voucher: { id: vouchers[0]!.id, codeMasked: maskCode(vouchers[0]!.code) },
      campaign: { id: campaignId, title: '双人套餐', faceValueFen: 16800 },
      store: { id: world.stores.a.id, name: 'A 店' },
      terminal: { id: world.terminal.id, name: 'A1' },
      cashier: { id: cashierId, name: '小王' },
      mode: 'offline',
      reversal: { at: '2026-11-20T09:00:01.000Z', usesFreed: 2, reason: '误核销', manager: { id: managerCounterId, name: '张经理' } },
    });
    expect(JSON.stringify(all)).not.toContain(vouchers[0]!.code);
    expect(all.find((e) => e.redemptionId === rows[2]!.id)!.cashier).toEqual({ id: 'gone-cashier', name: null });
    expect(all.find((e) => e.redemptionId === rows[1]!.id)!).toMatchObject({ cashier: null, reversal: null });
  });

  it('filters by store, terminal, cashier, voucher code, campaign, mode and time, paging within the filter', async () => {
    const ids = async (query: string, limit = 2) => (await readAllPages<Entry>(owner, `/merchant/redemptions?${query}`, limit)).map((e) => e.redemptionId);
    const order = expectedOrder();
    const storeB = new Set(rows.filter((r) => r.storeId === world.stores.b.id).map((r) => r.id));
    expect(await ids(`storeId=${world.stores.b.id}`)).toEqual(order.filter((id) => storeB.has(id)));
    expect(await ids(`terminalId=${world.terminal.id}`)).toEqual(order.filter((id) => !storeB.has(id)));
    expect(await ids(`cashierId=${cashierId}`)).toEqual([rows[0]!.id]);
    const ofVoucher1 = new Set(rows.filter((_, i) => i % 4 === 1).map((r) => r.id));
    expect(await ids(`code=${encodeURIComponent(vouchers[1]!.code.replace(/(\d{4})(?=\d)/g, '$1 '))}`)).toEqual(order.filter((id) => ofVoucher1.has(id)));
    expect(await ids(`voucherId=${vouchers[1]!.id}`)).toEqual(order.filter((id) => ofVoucher1.has(id)));
    expect(await ids(`campaignId=${campaignId}&storeId=`)).toEqual(order);
    const offline = new Set(rows.filter((_, i) => i % 3 === 0).map((r) => r.id));
    expect(await ids('mode=offline')).toEqual(order.filter((id) => offline.has(id)));
    const from = rows[3]!.at;
    const to = rows[9]!.at;
    expect(await ids(`from=${from}&to=${to}`)).toEqual(order.filter((id) => {
      const at = rows.find((r) => r.id === id)!.at;
      return at >= from && at < to;
    }));
  });

  it('filters by a campaign with many vouchers (walked in time order on SQLite) with every row exactly once', async () => {
    const db = running.server.db;
    const m = world.merchant.id;
    const big = await createCampaign(db, m, {
      kind: 'product', title: '大促', priceFen: 100, faceValueFen: 200, usesPerVoucher: 1,
      validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + DAY), storeIds: [world.stores.a.id],
    });
    const many = await issueVouchers(db, m, big, { count: 1001 });
    const seeded = idsAgainstTime(8);
    for (const [i, r] of seeded.entries()) {
      await insertRedemption(db, { merchantId: m, redemptionId: r.id, voucherId: many[i * 100]!.id, storeId: world.stores.a.id, terminalId: world.terminal.id, serverTime: r.at });
    }
    const newest = [...seeded].sort((x, y) => (x.at === y.at ? (x.id < y.id ? 1 : -1) : x.at < y.at ? 1 : -1)).map((r) => r.id);
    for (const limit of [1, 3, 50]) {
      expect((await readAllPages<Entry>(owner, `/merchant/redemptions?campaignId=${big.id}`, limit)).map((e) => e.redemptionId)).toEqual(newest);
    }
    expect((await readAllPages<Entry>(owner, `/merchant/redemptions?campaignId=${campaignId}`, 50)).map((e) => e.redemptionId)).toEqual(expectedOrder());
  });

  it('shows a manager their stores only, and another merchant none of these', async () => {
    const mine = await readAllPages<Entry>(manager, '/merchant/redemptions', 3);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.store.id === world.stores.b.id)).toBe(true);
    expect(await readAllPages<Entry>(manager, `/merchant/redemptions?storeId=${world.stores.a.id}`, 3)).toEqual([]);
    const theirs = await readAllPages<Entry>(otherOwner, '/merchant/redemptions', 50);
    expect(theirs).toHaveLength(1);
    expect(await readAllPages<Entry>(otherOwner, `/merchant/redemptions?code=${vouchers[0]!.code}`, 50)).toEqual([]);
  });

  it('refuses a bad cursor, a bad filter and a mistyped code with stable codes', async () => {
    expect(errorCode(await owner.withToken(undefined).get('/merchant/redemptions'))).toBe('UNAUTHORIZED');
    expect(errorCode(await owner.get('/merchant/redemptions?cursor=bm9wZQ'))).toBe('CURSOR_INVALID');
    const bad = await owner.get<{ error: { details: { fields: { field: string }[] } } }>('/merchant/redemptions?mode=walk-in&from=yesterday&limit=0');
    expect(errorCode(bad)).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.fields.map((f) => f.field).sort()).toEqual(['from', 'limit', 'mode']);
    const typo = await owner.get<{ error: { details: { fields: { field: string }[] } } }>('/merchant/redemptions?code=123');
    expect(errorCode(typo)).toBe('CODE_MALFORMED');
    expect(typo.body.error.details.fields.map((f) => f.field)).toEqual(['code']);
    expect(errorCode(await owner.get('/merchant/redemptions?unknown=1'))).toBe('VALIDATION_FAILED');
  });
});
