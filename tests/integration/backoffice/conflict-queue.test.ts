import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign, createTerminal, issueVouchers } from '../../../server/repositories/merchant-setup';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import { auditRows, buildBackofficeWorld, signIn, startBackofficeServer, type BackofficeServer, type BackofficeWorld } from './support/backoffice-world';
import { addCounterUser, idsAgainstTime, insertConflict, insertRedemption, manageStore, readAllPages } from './support/ledger-fixtures';

interface Conflict {
  redemptionId: string;
  reason: string;
  campaign: { id: string; title: string };
  offline: { storeId: string; storeName: string | null; terminalName: string | null; cashier: { id: string; name: string | null } | null; serverTime: string };
  first: { kind: string; storeName: string | null; terminalName: string | null; cashier: { id: string; name: string | null } | null };
  status: string;
  decision: string | null;
  note: string | null;
}

const DAY = 86_400_000;

describe.each(BACKENDS)('conflict review queue (%s)', (kind) => {
  let running: BackofficeServer;
  let world: BackofficeWorld;
  let owner: ApiClient;
  let manager: ApiClient;
  let otherOwner: ApiClient;
  let conflicts: { id: string; at: string; storeId: string; campaignId: string }[];
  let firstId: string;
  let campaignIds: [string, string];

  beforeAll(async () => {
    running = await startBackofficeServer(kind);
    const db = running.server.db;
    world = await buildBackofficeWorld(db);
    const m = world.merchant.id;
    owner = await signIn(running.server, world.owner.login, 'owner-secret-1');
    manager = await signIn(running.server, world.manager.login, 'manager-secret-1');
    otherOwner = await signIn(running.server, world.other.owner.login, 'other-secret-1');
    await manageStore(db, m, world.stores.b.id, world.manager.id);
    const spec = {
      kind: 'product' as const, priceFen: 9900, faceValueFen: 16800, usesPerVoucher: 1,
      validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + 90 * DAY), storeIds: [world.stores.a.id, world.stores.b.id],
    };
    const lunch = await createCampaign(db, m, { ...spec, title: '午餐券' });
    const dinner = await createCampaign(db, m, { ...spec, title: '晚餐券' });
    campaignIds = [lunch.id, dinner.id];
    const lunchVouchers = await issueVouchers(db, m, lunch, { count: 1 });
    const dinnerVouchers = await issueVouchers(db, m, dinner, { count: 1 });
    const wang = await addCounterUser(db, m, world.stores.a.id, '小王');
    const li = await addCounterUser(db, m, world.stores.b.id, '小李');
    firstId = await insertRedemption(db, {
      merchantId: m, voucherId: lunchVouchers[0]!.id, storeId: world.stores.b.id, terminalId: world.terminalB.id, serverTime: '2026-11-20T07:00:00.000Z', cashierId: li,
    });
    conflicts = [];
    for (const [i, r] of idsAgainstTime(13).entries()) {
      const storeId = i % 2 === 0 ? world.stores.a.id : world.stores.b.id;
      const voucher = i % 3 === 0 ? dinnerVouchers[0]! : lunchVouchers[0]!;
      await insertConflict(db, {
        merchantId: m, redemptionId: r.id, voucherId: voucher.id, storeId, terminalId: storeId === world.stores.a.id ? world.terminal.id : world.terminalB.id,
        serverTime: r.at, cashierId: i === 0 ? wang : null, reason: i === 1 ? 'OFFLINE_CAP_REACHED' : 'VOUCHER_EXHAUSTED',
        first: i === 0 ? { redemptionId: firstId, storeId: world.stores.b.id, terminalId: world.terminalB.id, at: '2026-11-20T07:00:00.000Z' } : undefined,
      });
      conflicts.push({ id: r.id, at: r.at, storeId, campaignId: i % 3 === 0 ? dinner.id : lunch.id });
    }
    const otherCampaign = await createCampaign(db, world.other.merchant.id, { ...spec, title: '别家券', storeIds: [world.other.store.id] });
    const [otherVoucher] = await issueVouchers(db, world.other.merchant.id, otherCampaign, { count: 1 });
    const otherTerminal = await createTerminal(db, world.other.merchant.id, world.other.store.id, '别家机');
    await insertConflict(db, {
      merchantId: world.other.merchant.id, voucherId: otherVoucher!.id, storeId: world.other.store.id, terminalId: otherTerminal.id, serverTime: conflicts[4]!.at,
    });
  });
  afterAll(async () => running?.stop());

  const newestFirst = (rows: typeof conflicts) => [...rows].sort((x, y) => (x.at === y.at ? (x.id < y.id ? 1 : -1) : x.at < y.at ? 1 : -1)).map((r) => r.id);

  it('pages every conflict exactly once though ids sort against time (the old id filter skipped and repeated them)', async () => {
    for (const limit of [1, 2, 3, 4, 50]) {
      expect((await readAllPages<Conflict>(owner, '/merchant/conflicts', limit)).map((c) => c.redemptionId)).toEqual(newestFirst(conflicts));
    }
  });

  it('names both stores, terminals and cashiers, the campaign and the rule that was exceeded', async () => {
    const all = await readAllPages<Conflict>(owner, '/merchant/conflicts', 50);
    expect(all.find((c) => c.redemptionId === conflicts[0]!.id)).toMatchObject({
      reason: 'VOUCHER_EXHAUSTED',
      campaign: { id: campaignIds[1], title: '晚餐券' },
      offline: { storeId: world.stores.a.id, storeName: 'A 店', terminalName: 'A1', cashier: { name: '小王' } },
      first: { kind: 'redemption', storeName: 'B 店', terminalName: 'B1', cashier: { name: '小李' } },
      status: 'open',
      decision: null,
    });
    expect(all.find((c) => c.redemptionId === conflicts[1]!.id)).toMatchObject({ reason: 'OFFLINE_CAP_REACHED', offline: { cashier: null } });
  });

  it('filters by store, campaign and time, paging within the filter; a manager sees their stores only', async () => {
    const ids = async (client: ApiClient, query: string) => (await readAllPages<Conflict>(client, `/merchant/conflicts?${query}`, 2)).map((c) => c.redemptionId);
    expect(await ids(owner, `storeId=${world.stores.a.id}`)).toEqual(newestFirst(conflicts.filter((c) => c.storeId === world.stores.a.id)));
    expect(await ids(owner, `campaignId=${campaignIds[1]}`)).toEqual(newestFirst(conflicts.filter((c) => c.campaignId === campaignIds[1])));
    const [from, to] = [conflicts[3]!.at, conflicts[9]!.at];
    expect(await ids(owner, `from=${from}&to=${to}`)).toEqual(newestFirst(conflicts.filter((c) => c.at >= from && c.at < to)));
    expect(await ids(manager, 'status=all')).toEqual(newestFirst(conflicts.filter((c) => c.storeId === world.stores.b.id)));
    expect(await readAllPages<Conflict>(otherOwner, '/merchant/conflicts', 50)).toHaveLength(1);
  });

  it('resolves with a decision and a note, audited, leaving both ledger rows as they were', async () => {
    const db = running.server.db;
    const target = conflicts[2]!.id;
    const ledgerBefore = await db.kysely.selectFrom('redemptions').selectAll().where('merchant_id', '=', world.merchant.id).orderBy('redemption_id').execute();

    const refused = [
      await owner.post(`/merchant/conflicts/${target}/resolve`, { decision: 'shrug', note: '' }),
      await otherOwner.post(`/merchant/conflicts/${target}/resolve`, { decision: 'accept_loss', note: '别家' }),
      await manager.post(`/merchant/conflicts/${target}/resolve`, { decision: 'accept_loss', note: '不是我的店' }),
    ];
    expect(refused.map(errorCode)).toEqual(['VALIDATION_FAILED', 'REDEMPTION_NOT_FOUND', 'REDEMPTION_NOT_FOUND']);
    const fields = (refused[0]!.body as { error: { details: { fields: { field: string }[] } } }).error.details.fields.map((f) => f.field);
    expect(fields.sort()).toEqual(['decision', 'note']);
    expect((await readAllPages<Conflict>(owner, '/merchant/conflicts?status=resolved', 50))).toEqual([]);

    const done = await owner.post(`/merchant/conflicts/${target}/resolve`, { decision: 'staff_error', note: '收银员重复核销，已培训' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ redemptionId: target, status: 'resolved', decision: 'staff_error' });
    expect(errorCode(await owner.post(`/merchant/conflicts/${target}/resolve`, { decision: 'accept_loss', note: '再来一次' }))).toBe('CONFLICT_ALREADY_RESOLVED');

    const resolved = await readAllPages<Conflict>(owner, '/merchant/conflicts?status=resolved', 50);
    expect(resolved).toMatchObject([{ redemptionId: target, status: 'resolved', decision: 'staff_error', note: '收银员重复核销，已培训' }]);
    expect((await readAllPages<Conflict>(owner, '/merchant/conflicts', 50)).some((c) => c.redemptionId === target)).toBe(false);
    expect(await db.kysely.selectFrom('redemptions').selectAll().where('merchant_id', '=', world.merchant.id).orderBy('redemption_id').execute()).toEqual(ledgerBefore);
    const audit = (await auditRows(db, world.merchant.id)).filter((a) => a.action === 'conflict.resolve');
    expect(audit).toMatchObject([{ actor_id: world.owner.id, subject_id: target, details: { decision: 'staff_error', note: '收银员重复核销，已培训' } }]);
  });

  it('answers a cursor it did not make and an old `before` parameter with stable codes', async () => {
    expect(errorCode(await owner.get('/merchant/conflicts?cursor=WyJ4Il0'))).toBe('CURSOR_INVALID');
    expect(errorCode(await owner.get(`/merchant/conflicts?before=${conflicts[0]!.id}`))).toBe('VALIDATION_FAILED');
  });
});
