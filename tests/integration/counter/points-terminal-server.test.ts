import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedMemberPhone } from '../../../core/member/phone';
import type { CartLine } from '../../../renderer/counter/cart-math';
import { commitSale, type SaleDraft } from '../../../renderer/counter/commit-sale';
import { enrolMember } from '../../../renderer/counter/member-ops';
import { refundSale } from '../../../renderer/shift/refund-ops';
import { openShift } from '../../../renderer/shift/shift-ops';
import type { TenderRecord } from '../../../renderer/db/counter-tables';
import type { PosDb } from '../../../renderer/db/pos-db';
import { pullAll } from '../../../renderer/sync/pull-mirror';
import type { SyncEngine } from '../../../renderer/sync/sync-engine';
import { createHttpSyncTransport } from '../../../renderer/sync/sync-transport';
import { BACKENDS } from '../../support/server/backends';
import { engineFor, freshDb } from '../../unit/renderer/sync/support/terminal';
import { buildSyncWorld, startSyncServer, type SyncServer, type SyncWorld } from '../sync/support/sync-world';
import { query, sale, send } from './support/counter-entries';
import { OWNER_COUNTER_SETTINGS } from '../../support/counter-settings';
import { posSyncHandlers } from '../../../renderer/app/sync-wiring';

const PHONE = '13600006666';
const SHIFT = crypto.randomUUID();

describe.each(BACKENDS)('points on the terminal and on the server agree after sync (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;
  let db: PosDb;
  let engine: SyncEngine;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
    db = freshDb('points-agree');
    engine = engineFor(db, { url: s.server.url, token: w.a2.client.token! }, { deviceId: w.a2.terminalId, storeId: w.stores.a.id });
  });
  afterAll(async () => {
    await engine?.stop();
    db?.close();
    await s?.stop();
  });

  const line = (over: Partial<CartLine> = {}): CartLine => ({
    lineId: 'l1', itemId: 'item-hsr', name: '招牌红烧肉', unitPriceFen: 3400, quantity: 2, discountFen: 0, note: null, voucherRedemptionId: null, ...over,
  });
  const draft = (memberId: string, offered: TenderRecord[], over: Partial<SaleDraft> = {}): SaleDraft => ({
    saleId: crypto.randomUUID(), receiptNo: '000001', shiftId: SHIFT, cashierId: 'cashier-1', memberId, serviceMode: 'dine_in', tableNo: null, note: null,
    lines: [line()], orderDiscountFen: 0, discountApproval: null, vouchers: [], offered, deviceTime: new Date().toISOString(), storeId: w.stores.a.id,
    timeZone: 'Asia/Shanghai', ...over,
  });
  const approval = () => ({ managerId: w.manager.id, approvedAt: new Date().toISOString() });
  const serverMember = async () => (await query(s.server.db, `SELECT id, points, visits FROM members WHERE merchant_id = ? AND phone = ?`, [w.merchant.id, storedMemberPhone(PHONE)]))[0];
  const terminalMember = async () => db.counterMembers.where('phone').equals(PHONE).first();

  it('sells, spends and refunds on the terminal before any push; after sync the server holds the same balance and the same figures', async () => {
    const put = await w.merchantClient.request('PUT', '/merchant/counter-settings', JSON.stringify(OWNER_COUNTER_SETTINGS), 'application/json');
    expect(put.status).toBe(200);
    expect(await engine.syncOnce()).toEqual({ ok: true });
    expect(await db.counterSettings.toArray()).toEqual([{ merchantId: w.merchant.id, ...OWNER_COUNTER_SETTINGS }]);

    expect(await openShift(db, { shiftId: SHIFT, storeId: w.stores.a.id, floatFen: 20_000, openedBy: 'cashier-1', deviceTime: new Date().toISOString() })).toMatchObject({ ok: true });
    const enrolled = await enrolMember(db, { memberId: crypto.randomUUID(), phone: PHONE, name: '郑', deviceTime: new Date().toISOString() });
    if (!enrolled.ok) throw new Error(enrolled.code);
    const memberId = enrolled.value.memberId;
    const first = await commitSale(db, draft(memberId, [{ method: 'card', amountFen: 6800, reference: 'C-1' }]));
    expect(first).toMatchObject({ ok: true, value: { pointsEarned: 136 } });
    // ￥68 less a ￥15 order discount (a manager approved it): 100 points pay ￥10, cash the rest.
    const second = await commitSale(db, draft(memberId, [{ method: 'points', amountFen: 1000, reference: null, points: 100 }, { method: 'cash', amountFen: 5000, reference: null }], {
      orderDiscountFen: 1500, discountApproval: approval(),
    }));
    expect(second).toMatchObject({ ok: true, value: { totalFen: 5300, changeFen: 700, pointsEarned: 86 } });
    if (!first.ok || !second.ok) return;
    expect(await terminalMember()).toMatchObject({ points: 136 - 100 + 86, visits: 2 });
    const base = { reason: '菜品问题', cashierId: 'cashier-1', approval: approval(), saleId: second.value.saleId };
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const part = await refundSale(db, { ...base, refundId: crypto.randomUUID(), lines: [{ lineId: 'l1', quantity: 1 }], deviceTime: at(1) });
    expect(part).toMatchObject({ ok: true, value: { amountFen: 2650, pointsRestored: 0, pointsReversed: 43 } });
    const rest = await refundSale(db, { ...base, refundId: crypto.randomUUID(), deviceTime: at(2) });
    expect(rest).toMatchObject({ ok: true, value: { amountFen: 2650, pointsRestored: 100, pointsReversed: 43 } });
    const offline = await terminalMember();
    expect(offline).toMatchObject({ points: 136, visits: 2 });

    expect(await engine.syncOnce()).toEqual({ ok: true });
    const server = await serverMember();
    expect(Number(server?.['points'])).toBe(offline!.points);
    expect(await terminalMember()).toMatchObject({ points: offline!.points, visits: Number(server?.['visits']), pending: false });
    const sales = await query(s.server.db, `SELECT id, points_earned FROM sales WHERE member_id = ? ORDER BY device_time`, [server?.['id']]);
    expect(sales.map((r) => Number(r['points_earned']))).toEqual([136, 86]);
    const refunds = await query(s.server.db, `SELECT r.points_reversed, (SELECT coalesce(sum(t.points), 0) FROM sale_refund_tenders AS t WHERE t.refund_id = r.id) AS restored FROM sale_refunds AS r WHERE r.sale_id = ? ORDER BY r.device_time`, [second.value.saleId]);
    const local = (await db.refunds.toArray()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    expect(refunds.map((r) => [Number(r['points_reversed']), Number(r['restored'])])).toEqual(local.map((r) => [r.pointsReversed, r.pointsRestored]));
    expect((await db.sales.toArray()).map((x) => x.status)).toEqual(['accepted', 'accepted']);
  });

  it('keeps an unsent spend on the member when a pull brings another store’s earning first', async () => {
    const memberId = String((await serverMember())?.['id']);
    const before = (await terminalMember())!.points;
    const spend = await commitSale(db, draft(memberId, [{ method: 'points', amountFen: 500, reference: null, points: 50 }, { method: 'cash', amountFen: 6300, reference: null }]));
    expect(spend).toMatchObject({ ok: true, value: { pointsEarned: 126 } });
    const elsewhere = await send(w.b1, 'sale.create@1', sale({ memberId, payments: [{ kind: 'cash', receivedFen: 6800 }], changeFen: 0 }));
    expect(elsewhere.status).toBe('applied');
    // A pull lands before this terminal's push: the server's newer balance plus the unsent sale.
    const transport = createHttpSyncTransport({ baseUrl: s.server.url, token: w.a2.client.token!, timeoutMs: 5_000 });
    await pullAll({ db, transport, handlers: posSyncHandlers(), clock: Date.now, limit: 1000, onContact: async () => undefined, onPage: () => undefined });
    expect((await terminalMember())!.points).toBe(before + 136 - 50 + 126);
    expect(await engine.syncOnce()).toEqual({ ok: true });
    expect(Number((await serverMember())?.['points'])).toBe(before + 136 - 50 + 126);
    expect((await terminalMember())!.points).toBe(before + 136 - 50 + 126);
  });
});
