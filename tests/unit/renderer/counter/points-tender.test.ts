import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CounterSettings } from '../../../../core/sale/counter-settings';
import type { SaleCreateV1 } from '../../../../core/sale/sale-intents';
import type { MemberRow } from '../../../../core/sync';
import type { CartLine } from '../../../../renderer/counter/cart-math';
import { commitSale, type SaleDraft } from '../../../../renderer/counter/commit-sale';
import { applyCounterResult } from '../../../../renderer/counter/counter-results';
import { pointsOffer, pointsTender } from '../../../../renderer/counter/points-tender';
import { refundSale } from '../../../../renderer/shift/refund-ops';
import type { CounterMember, TenderRecord } from '../../../../renderer/db/counter-tables';
import { PosDb } from '../../../../renderer/db/pos-db';
import { applyPage } from '../../../../renderer/sync/apply-page';
import { OWNER_COUNTER_SETTINGS } from '../../../support/counter-settings';
import { posSyncHandlers } from '../../../../renderer/app/sync-wiring';

const MERCHANT = 'merchant-1';
const MEMBER = '0190f000-0000-7000-8000-0000000000aa';
const approval = { managerId: 'mgr-1', approvedAt: '2026-11-25T10:00:00.000Z' };
const open: PosDb[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

async function terminal(settings: CounterSettings | null = OWNER_COUNTER_SETTINGS, points = 500) {
  const db = new PosDb(`points-${crypto.randomUUID()}`);
  open.push(db);
  if (settings) await db.counterSettings.put({ merchantId: MERCHANT, ...settings });
  const member: CounterMember = {
    memberId: MEMBER, phone: '13800138000', name: '李女士', gender: 'female', birthday: null, note: null, level: 'standard', points, visits: 3, vouchersHeld: 0, aliasIds: [],
    pending: false, version: 4,
  };
  await db.counterMembers.put(member);
  return db;
}

const line = (over: Partial<CartLine> = {}): CartLine => ({
  lineId: 'l1', itemId: 'i1', name: '宫保鸡丁', unitPriceFen: 3800, quantity: 2, discountFen: 0, note: null, voucherRedemptionId: null, ...over,
});
const points = (n: number): TenderRecord => ({ method: 'points', amountFen: n * 10, reference: null, points: n });
const cash = (fen: number): TenderRecord => ({ method: 'cash', amountFen: fen, reference: null });

function draft(over: Partial<SaleDraft> = {}): SaleDraft {
  return {
    saleId: crypto.randomUUID(), receiptNo: 'A-0001', shiftId: crypto.randomUUID(), cashierId: 'cashier-1', memberId: MEMBER, serviceMode: 'dine_in', tableNo: null,
    note: null, lines: [line()], orderDiscountFen: 0, discountApproval: null, vouchers: [], offered: [cash(10_000)], deviceTime: new Date().toISOString(),
    storeId: 'store-a', timeZone: 'Asia/Shanghai', ...over,
  };
}

const memberOf = async (db: PosDb) => db.counterMembers.get(MEMBER);

describe('points as a tender at the counter', () => {
  it('spends points at the synced rate, earns on the money part, and moves the member’s balance with the outbox entry', async () => {
    const db = await terminal();
    const sale = await commitSale(db, draft({ offered: [points(300), cash(5000)] }));
    expect(sale).toMatchObject({ ok: true, value: { totalFen: 7600, changeFen: 400, pointsEarned: 92, payments: [{ method: 'points', amountFen: 3000, points: 300 }, { method: 'cash', amountFen: 4600 }] } });
    expect(await memberOf(db)).toMatchObject({ points: 500 - 300 + 92, visits: 4 });
    const [entry] = await db.outbox.toArray();
    expect((entry!.args as SaleCreateV1).payments).toEqual([{ kind: 'points', points: 300 }, { kind: 'cash', receivedFen: 5000 }]);
  });

  it('uses the server’s defaults before the first pull: 1 point per yuan, 100 points = ￥1, a PIN above ￥50', async () => {
    const db = await terminal(null);
    expect(await commitSale(db, draft({ offered: [points(500), cash(7100)] }))).toMatchObject({ ok: true, value: { pointsEarned: 71, changeFen: 0 } });
    expect(await memberOf(db)).toMatchObject({ points: 71 });
    expect(await commitSale(db, draft({ orderDiscountFen: 5001, offered: [cash(3000)] }))).toMatchObject({ ok: false, code: 'MANAGER_APPROVAL_REQUIRED' });
    expect(await commitSale(db, draft({ orderDiscountFen: 5000, offered: [cash(3000)] }))).toMatchObject({ ok: true });
  });

  it('refuses points beyond the balance, fractional points, points with no member, points worth more than is left, and an unapproved discount: nothing written', async () => {
    const db = await terminal();
    const refused: [string, Partial<SaleDraft>][] = [
      ['POINTS_INSUFFICIENT', { offered: [points(501), cash(3000)] }],
      ['POINTS_NOT_WHOLE', { offered: [points(2.5), cash(8000)] }],
      ['POINTS_NEED_MEMBER', { memberId: null, offered: [points(10), cash(8000)] }],
      ['POINTS_EXCEED_DUE', { lines: [line({ quantity: 1 })], offered: [points(381)] }],
      ['MANAGER_APPROVAL_REQUIRED', { orderDiscountFen: 1500, offered: [cash(8000)] }],
    ];
    for (const [code, over] of refused) expect(await commitSale(db, draft(over)), code).toMatchObject({ ok: false, code });
    expect(await db.sales.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await memberOf(db)).toMatchObject({ points: 500, visits: 3 });
    expect(await commitSale(db, draft({ orderDiscountFen: 1500, discountApproval: approval, offered: [cash(8000)] }))).toMatchObject({ ok: true, value: { totalFen: 6100 } });
  });

  it('refunds as the server does: spent points come back, earned points go, line by line', async () => {
    const db = await terminal();
    const sold = await commitSale(db, draft({ offered: [points(300), cash(4600)] }));
    if (!sold.ok) throw new Error(sold.code);
    expect(await memberOf(db)).toMatchObject({ points: 292 });
    const base = { saleId: sold.value.saleId, reason: '菜品问题', cashierId: 'cashier-1', approval, deviceTime: new Date().toISOString() };
    const one = await refundSale(db, { ...base, refundId: crypto.randomUUID(), lines: [{ lineId: 'l1', quantity: 1 }] });
    // ￥38 back: cash first (￥38 of the ￥46), no points yet; 46 of the 92 earned points go.
    expect(one).toMatchObject({ ok: true, value: { amountFen: 3800, pointsRestored: 0, pointsReversed: 46, tenders: [{ kind: 'cash', amountFen: 3800 }] } });
    expect(await memberOf(db)).toMatchObject({ points: 246 });
    const rest = await refundSale(db, { ...base, refundId: crypto.randomUUID() });
    expect(rest).toMatchObject({ ok: true, value: { amountFen: 3800, pointsRestored: 300, pointsReversed: 46, tenders: [{ kind: 'cash', amountFen: 800 }, { kind: 'points', amountFen: 3000, points: 300 }] } });
    expect(await memberOf(db)).toMatchObject({ points: 500 });
  });

  it('takes back what a refused sale did to the member, once', async () => {
    const db = await terminal();
    await commitSale(db, draft({ offered: [points(300), cash(5000)] }));
    const [entry] = await db.outbox.toArray();
    const refusal = { seq: entry!.seq, clientId: entry!.clientId, status: 'rejected' as const, result: null, error: { code: 'POINTS_INSUFFICIENT', message: 'spent elsewhere' }, serverTime: new Date().toISOString() };
    await applyCounterResult(db, entry!, refusal, Date.now());
    await applyCounterResult(db, entry!, refusal, Date.now());
    expect(await memberOf(db)).toMatchObject({ points: 500, visits: 3 });
  });

  it('keeps unsent spends on a member a pull brings back with the server’s older balance', async () => {
    const db = await terminal();
    await commitSale(db, draft({ offered: [points(300), cash(5000)] }));
    const server: MemberRow = {
      memberId: MEMBER, phone: '13800138000', name: '李女士', gender: 'female', birthday: null, note: null, level: 'gold', points: 520, visits: 5, version: 6, aliasIds: [], vouchersHeld: 1,
    };
    await applyPage(db, posSyncHandlers(), { changes: [{ kind: 'member', id: MEMBER, op: 'upsert', data: server }], cursor: 'c:2', hasMore: false, reset: false, snapshot: false, progress: null }, Date.now());
    expect(await memberOf(db)).toMatchObject({ level: 'gold', points: 520 - 300 + 92, visits: 6 });
  });

  it('counts an unsent sale of a member enrolled here toward the member the server merged that enrolment into', async () => {
    const db = await terminal();
    const enrolled = crypto.randomUUID();
    await db.counterMembers.put({ ...(await memberOf(db))!, memberId: enrolled, phone: '13900139000', points: 0, visits: 0, pending: true, version: 0 });
    await commitSale(db, draft({ memberId: enrolled, offered: [cash(7600)] }));
    const merged: MemberRow = {
      memberId: 'server-member', phone: '13900139000', name: null, gender: 'unknown', birthday: null, note: null, level: 'standard', points: 40, visits: 2, version: 3,
      aliasIds: [enrolled], vouchersHeld: 0,
    };
    await applyPage(db, posSyncHandlers(), { changes: [{ kind: 'member', id: merged.memberId, op: 'upsert', data: merged }], cursor: 'c:3', hasMore: false, reset: false, snapshot: false, progress: null }, Date.now());
    expect(await db.counterMembers.get(enrolled)).toBeUndefined();
    expect(await db.counterMembers.get('server-member')).toMatchObject({ points: 40 + 152, visits: 3 });
  });
});

describe('the payment dialog’s points entry', () => {
  it('offers the balance, its worth and the most this bill can take after card payments', () => {
    expect(pointsOffer(null, OWNER_COUNTER_SETTINGS.points, 7600, [])).toBeNull();
    expect(pointsOffer(500, { earnFenPerPoint: 50, redeemFenPerPoint: 0 }, 7600, [])).toBeNull();
    expect(pointsOffer(500, OWNER_COUNTER_SETTINGS.points, 7600, [cash(9000)])).toEqual({ balance: 500, balanceFen: 5000, dueFen: 7600, most: 500, mostFen: 5000 });
    expect(pointsOffer(500, OWNER_COUNTER_SETTINGS.points, 7605, [{ method: 'card', amountFen: 4000, reference: 'C-1' }])).toMatchObject({ dueFen: 3605, most: 360, mostFen: 3600 });
  });

  it('takes whole points only, within the balance and what card and wallets leave, replacing an earlier points tender', () => {
    const card: TenderRecord = { method: 'card', amountFen: 4000, reference: 'C-1' };
    expect(pointsTender(' 360 ', 500, OWNER_COUNTER_SETTINGS.points, 7605, [card, points(100)])).toEqual({ ok: true, value: points(360) });
    expect(pointsTender('12.5', 500, OWNER_COUNTER_SETTINGS.points, 7605, [])).toMatchObject({ ok: false, code: 'POINTS_NOT_WHOLE' });
    expect(pointsTender('0', 500, OWNER_COUNTER_SETTINGS.points, 7605, [])).toMatchObject({ ok: false, code: 'POINTS_NOT_WHOLE' });
    expect(pointsTender('-3', 500, OWNER_COUNTER_SETTINGS.points, 7605, [])).toMatchObject({ ok: false, code: 'POINTS_NOT_WHOLE' });
    expect(pointsTender('501', 500, OWNER_COUNTER_SETTINGS.points, 9000, [])).toMatchObject({ ok: false, code: 'POINTS_INSUFFICIENT' });
    expect(pointsTender('361', 500, OWNER_COUNTER_SETTINGS.points, 7605, [card])).toMatchObject({ ok: false, code: 'POINTS_EXCEED_DUE' });
    expect(pointsTender('10', null, OWNER_COUNTER_SETTINGS.points, 7605, [])).toMatchObject({ ok: false, code: 'POINTS_NEED_MEMBER' });
  });
});
