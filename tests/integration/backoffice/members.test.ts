import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskCode } from '../../../core/voucher-code';
import { createCampaign, issueVouchers } from '../../../server/repositories/merchant-setup';
import { newId } from '../../../server/security/ids';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import { auditRows, buildBackofficeWorld, signIn, startBackofficeServer, type BackofficeServer, type BackofficeWorld } from './support/backoffice-world';
import { addCounterUser, idsAgainstTime, insertRedemption, manageStore, readAllPages } from './support/ledger-fixtures';

interface Member {
  id: string;
  phone: string;
  name: string | null;
  tags: string[];
}

const DAY = 86_400_000;
const phoneOf = (i: number) => `+86139${String(1000_0000 + i * 7).padStart(8, '0')}`;

describe.each(BACKENDS)('members in the back office (%s)', (kind) => {
  let running: BackofficeServer;
  let world: BackofficeWorld;
  let owner: ApiClient;
  let manager: ApiClient;
  let otherOwner: ApiClient;
  let members: { id: string; at: string; name: string }[];
  let star: string;
  let voucher: { id: string; code: string };
  let sales: { id: string; at: string; storeId: string }[];
  let points: { id: string; at: string }[];

  beforeAll(async () => {
    running = await startBackofficeServer(kind);
    const db = running.server.db;
    world = await buildBackofficeWorld(db);
    const m = world.merchant.id;
    owner = await signIn(running.server, world.owner.login, 'owner-secret-1');
    manager = await signIn(running.server, world.manager.login, 'manager-secret-1');
    otherOwner = await signIn(running.server, world.other.owner.login, 'other-secret-1');
    await manageStore(db, m, world.stores.b.id, world.manager.id);

    members = idsAgainstTime(14).map((r, i) => ({ ...r, name: i % 2 === 0 ? `王${i}号` : `李 50%_${i}` }));
    await db.kysely
      .insertInto('members')
      .values(members.map((r, i) => ({ merchant_id: m, id: r.id, phone: phoneOf(i), first_order_id: null, created_at: r.at, updated_at: r.at, name: r.name })))
      .execute();
    star = members[3]!.id;
    await db.kysely.insertInto('member_handles').values({ merchant_id: m, channel: 'douyin', handle: 'chef_lee_88', member_id: star, created_at: members[3]!.at }).execute();
    // Another merchant's member with a phone and name that would match.
    await db.kysely
      .insertInto('members')
      .values({ merchant_id: world.other.merchant.id, id: newId(), phone: phoneOf(3), first_order_id: null, created_at: members[3]!.at, updated_at: members[3]!.at, name: '王3号' })
      .execute();

    const campaign = await createCampaign(db, m, {
      kind: 'product', title: '会员套餐', priceFen: 5000, faceValueFen: 8000, usesPerVoucher: 3,
      validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + 30 * DAY), storeIds: [world.stores.a.id, world.stores.b.id],
    });
    [voucher] = (await issueVouchers(db, m, campaign, { count: 1 })) as [{ id: string; code: string }];
    await db.kysely.updateTable('vouchers').set({ member_id: star }).where('merchant_id', '=', m).where('id', '=', voucher.id).execute();
    await insertRedemption(db, { merchantId: m, voucherId: voucher.id, storeId: world.stores.a.id, terminalId: world.terminal.id, serverTime: '2026-11-21T10:00:00.000Z' });

    const cashier = await addCounterUser(db, m, world.stores.a.id, '小王');
    sales = idsAgainstTime(7).map((r, i) => ({ ...r, storeId: i < 5 ? world.stores.a.id : world.stores.b.id }));
    for (const s of sales) {
      await db.kysely
        .insertInto('sales')
        .values({
          merchant_id: m, id: s.id, store_id: s.storeId, terminal_id: s.storeId === world.stores.a.id ? world.terminal.id : world.terminalB.id, shift_id: null,
          cashier_id: cashier, member_id: star, order_type: 'dine_in', table_no: null, note: null, gross_fen: 3800, line_discount_fen: 0, order_discount_fen: 0,
          total_fen: 3800, change_fen: 0, points_earned: 38, discount_approved_by: null, outcome: 'accepted', device_time: s.at, server_time: s.at,
        })
        .execute();
    }
    points = idsAgainstTime(8);
    await db.kysely
      .insertInto('member_points')
      .values(points.map((p, i) => ({ merchant_id: m, id: p.id, member_id: star, delta: i % 2 ? -10 : 38, reason: i % 2 ? ('spend' as const) : ('earn' as const), sale_id: null, refund_id: null, store_id: world.stores.a.id, at: p.at })))
      .execute();
  });
  afterAll(async () => running?.stop());

  const newestFirst = (rows: { id: string; at: string }[]) => [...rows].sort((x, y) => (x.at === y.at ? (x.id < y.id ? 1 : -1) : x.at < y.at ? 1 : -1)).map((r) => r.id);

  it('pages every member exactly once, newest first, full phones for the owner only', async () => {
    for (const limit of [1, 3, 50]) {
      const all = await readAllPages<Member>(owner, '/merchant/members', limit);
      expect(all.map((x) => x.id)).toEqual(newestFirst(members));
    }
    const byOwner = await readAllPages<Member>(owner, '/merchant/members', 50);
    expect(byOwner.find((x) => x.id === members[0]!.id)!.phone).toBe(phoneOf(0));
    const byManager = await readAllPages<Member>(manager, '/merchant/members', 50);
    expect(byManager.find((x) => x.id === members[0]!.id)!.phone).toBe(`139****${phoneOf(0).slice(-4)}`);
    expect(JSON.stringify(byManager)).not.toContain(phoneOf(0));
  });

  it('finds members by phone digits, part of a name, a platform handle or a tag — its own only', async () => {
    const find = async (client: ApiClient, q: string) => (await readAllPages<Member>(client, `/merchant/members?q=${encodeURIComponent(q)}`, 2)).map((x) => x.id);
    expect(await find(owner, phoneOf(3).slice(-8))).toEqual([star]);
    expect(await find(owner, '王')).toEqual(newestFirst(members.filter((x) => x.name.startsWith('王'))));
    expect(await find(owner, '50%_1')).toEqual(newestFirst(members.filter((x) => x.name.includes('50%_1'))));
    expect(await find(owner, '%')).toEqual(newestFirst(members.filter((x) => x.name.includes('%'))));
    expect(await find(owner, 'chef_lee')).toEqual([star]);
    expect(await find(owner, '常客')).toEqual([]);
    const tagged = await owner.request('PUT', `/merchant/members/${star}/tags`, JSON.stringify({ tags: ['常客', 'VIP', '常客'] }), 'application/json');
    expect(tagged.body).toEqual({ tags: ['VIP', '常客'] });
    expect(await find(owner, '常客')).toEqual([star]);
    expect(await find(otherOwner, '王3号')).toHaveLength(1);
    expect(await find(otherOwner, 'chef_lee')).toEqual([]);
  });

  it('sets tags only for its own members with valid tags, audited', async () => {
    const db = running.server.db;
    const put = (client: ApiClient, id: string, body: unknown) => client.request('PUT', `/merchant/members/${id}/tags`, JSON.stringify(body), 'application/json');
    const before = await db.kysely.selectFrom('member_tags').selectAll().orderBy('member_id').orderBy('tag').execute();
    const bad = await put(owner, members[0]!.id, { tags: ['', 'x'.repeat(21)] });
    expect(errorCode(bad)).toBe('VALIDATION_FAILED');
    expect((bad.body as { error: { details: { fields: { field: string }[] } } }).error.details.fields.map((f) => f.field)).toEqual(['tags.0', 'tags.1']);
    expect(errorCode(await put(otherOwner, members[0]!.id, { tags: ['偷看'] }))).toBe('MEMBER_NOT_FOUND');
    expect(await db.kysely.selectFrom('member_tags').selectAll().orderBy('member_id').orderBy('tag').execute()).toEqual(before);
    expect((await put(manager, members[0]!.id, { tags: ['生日月'] })).body).toEqual({ tags: ['生日月'] });
    const audit = (await auditRows(db, world.merchant.id)).filter((a) => a.action === 'member.tags' && a.subject_id === members[0]!.id);
    expect(audit).toMatchObject([{ actor_id: world.manager.id, details: { from: [], to: ['生日月'] } }]);
  });

  it('shows a profile with handles, tags, visits and the vouchers held; 404 for another merchant', async () => {
    const res = await owner.get<Record<string, unknown>>(`/merchant/members/${star}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      member: { id: star, phone: phoneOf(3), name: members[3]!.name, handles: [{ channel: 'douyin', handle: 'chef_lee_88' }] },
      counts: { sales: 7, redemptions: 1 },
      vouchers: [{ voucherId: voucher.id, codeMasked: maskCode(voucher.code), campaignTitle: '会员套餐', remaining: 3 }],
    });
    expect(JSON.stringify(res.body)).not.toContain(voucher.code);
    expect((await manager.get<{ counts: unknown }>(`/merchant/members/${star}`)).body.counts).toEqual({ sales: 2, redemptions: 0 });
    expect(errorCode(await otherOwner.get(`/merchant/members/${star}`))).toBe('MEMBER_NOT_FOUND');
    expect(errorCode(await otherOwner.get(`/merchant/members/${star}/points`))).toBe('MEMBER_NOT_FOUND');
  });

  it('pages the member’s sales, points and redemptions exactly once; a manager sees their stores’ sales', async () => {
    for (const limit of [1, 2, 50]) {
      expect((await readAllPages<{ saleId: string }>(owner, `/merchant/members/${star}/sales`, limit)).map((s) => s.saleId)).toEqual(newestFirst(sales));
      expect((await readAllPages<{ id: string }>(owner, `/merchant/members/${star}/points`, limit)).map((p) => p.id)).toEqual(newestFirst(points));
    }
    const sale = (await readAllPages<Record<string, unknown>>(owner, `/merchant/members/${star}/sales`, 50))[0];
    expect(sale).toMatchObject({ totalFen: 3800, pointsEarned: 38, cashier: { name: '小王' } });
    const mine = await readAllPages<{ saleId: string }>(manager, `/merchant/members/${star}/sales`, 1);
    expect(mine.map((s) => s.saleId)).toEqual(newestFirst(sales.filter((s) => s.storeId === world.stores.b.id)));
    const redemptions = await readAllPages<{ voucher: { id: string } }>(owner, `/merchant/members/${star}/redemptions`, 1);
    expect(redemptions.map((r) => r.voucher.id)).toEqual([voucher.id]);
    expect(errorCode(await owner.get(`/merchant/members/${star}/points?cursor=abc`))).toBe('CURSOR_INVALID');
  });
});
