import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { lookUpBillVoucher } from '../../../../renderer/counter/bill-voucher';
import type { CartLine } from '../../../../renderer/counter/cart-math';
import { commitSale, type SaleDraft } from '../../../../renderer/counter/commit-sale';
import { enrolMember, findMemberByPhone } from '../../../../renderer/counter/member-ops';
import { refundSale } from '../../../../renderer/shift/refund-ops';
import { closeShift, openShift } from '../../../../renderer/shift/shift-ops';
import { PosDb } from '../../../../renderer/db/pos-db';
import { writeMeta } from '../../../../renderer/db/sync-meta';
import { campaignRow, leaseRow, policyRow, voucherRow } from '../sync/support/fixtures';

const STORE = 'store-a';
const SHIFT = '0190f000-0000-7000-8000-000000000001';
const approval = { managerId: 'mgr-1', approvedAt: '2026-11-25T10:00:00.000Z' };
const open: PosDb[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

async function terminal() {
  const db = new PosDb(`counter-${crypto.randomUUID()}`);
  open.push(db);
  const cash = voucherRow({ campaignId: 'cash-50' });
  await db.vouchers.put(cash);
  await db.leases.put(leaseRow(cash));
  await db.campaigns.put(campaignRow({ campaignId: 'cash-50', title: '50元代金券', kind: 'cash', faceValueFen: 5000, minSpendFen: 6000 }));
  await db.storePolicies.put(policyRow());
  await writeMeta(db, 'cursor', 'c:1');
  await writeMeta(db, 'lastContactAt', Date.now());
  return { db, cash };
}

const line = (over: Partial<CartLine> = {}): CartLine => ({
  lineId: 'l1', itemId: 'i1', name: '宫保鸡丁', unitPriceFen: 3800, quantity: 2, discountFen: 0, note: null, voucherRedemptionId: null, ...over,
});

function draft(over: Partial<SaleDraft> = {}): SaleDraft {
  return {
    saleId: crypto.randomUUID(), receiptNo: 'A-0001', shiftId: SHIFT, cashierId: 'cashier-1', memberId: null, serviceMode: 'dine_in', tableNo: '8', note: null,
    lines: [line()], orderDiscountFen: 0, discountApproval: null, vouchers: [], offered: [{ method: 'cash', amountFen: 10000, reference: null }],
    deviceTime: new Date().toISOString(), storeId: STORE, timeZone: 'Asia/Shanghai', ...over,
  };
}

describe('a sale at the counter', () => {
  it('stores the sale, its cash voucher redemption and ONE sale.create outbox entry together', async () => {
    const { db, cash } = await terminal();
    const voucher = await lookUpBillVoucher(db, { code: cash.code }, { storeId: STORE, timeZone: 'Asia/Shanghai', now: new Date() });
    expect(voucher.ok).toBe(true);
    if (!voucher.ok) return;
    const sale = await commitSale(db, draft({ vouchers: [voucher.value], offered: [{ method: 'cash', amountFen: 3000, reference: null }] }));
    expect(sale).toMatchObject({ ok: true, value: { totalFen: 7600, changeFen: 400, payments: [{ method: 'cash', amountFen: 2600 }] } });
    const entries = await db.outbox.toArray();
    expect(entries.map((e) => e.intent)).toEqual(['sale.create@1']);
    expect(entries[0]!.args).toMatchObject({ totalFen: 7600, changeFen: 400, vouchers: [{ use: 'tender' }], payments: [{ kind: 'voucher', amountFen: 5000 }, { kind: 'cash', receivedFen: 3000 }] });
    expect(await db.redemptions.count()).toBe(1);
  });

  it('writes nothing when the bill is below the voucher minimum spend or underpaid', async () => {
    const { db, cash } = await terminal();
    const voucher = await lookUpBillVoucher(db, { code: cash.code }, { storeId: STORE, timeZone: 'Asia/Shanghai', now: new Date() });
    if (!voucher.ok) throw new Error(voucher.code);
    expect(await commitSale(db, draft({ lines: [line({ quantity: 1 })], vouchers: [voucher.value] }))).toMatchObject({ ok: false, code: 'MIN_SPEND_NOT_MET' });
    expect(await commitSale(db, draft({ offered: [{ method: 'cash', amountFen: 100, reference: null }] }))).toMatchObject({ ok: false, code: 'PAYMENT_SHORT' });
    expect(await commitSale(db, draft({ lines: [line({ quantity: -1 })] }))).toMatchObject({ ok: false, code: 'NEGATIVE_QUANTITY' });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.sales.count()).toBe(0);
    expect(await db.redemptions.count()).toBe(0);
  });

  it('writes nothing when the second voucher of a bill is found unusable after the first was recorded', async () => {
    const { db, cash } = await terminal();
    const once = voucherRow({ campaignId: 'cash-50', uses: 1 });
    await db.vouchers.put(once);
    await db.leases.put(leaseRow(once));
    const where = { storeId: STORE, timeZone: 'Asia/Shanghai', now: new Date() };
    const first = await lookUpBillVoucher(db, { code: cash.code }, where);
    // The same one-use voucher scanned twice: each look-up alone finds it usable.
    const twice = [await lookUpBillVoucher(db, { code: once.code }, where), await lookUpBillVoucher(db, { code: once.code }, where)];
    if (!first.ok || !twice[0]!.ok || !twice[1]!.ok) throw new Error('each voucher should look usable on its own');
    const bill = draft({ lines: [line({ quantity: 6 })], vouchers: [first.value, twice[0]!.value, twice[1]!.value], offered: [{ method: 'cash', amountFen: 10000, reference: null }] });
    expect(await commitSale(db, bill)).toMatchObject({ ok: false, code: 'VOUCHER_EXHAUSTED' });
    expect(await db.redemptions.count()).toBe(0);
    expect(await db.sales.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('refunds a line as a new entry and refuses refunding more than was sold', async () => {
    const { db } = await terminal();
    const sale = await commitSale(db, draft({ lines: [line(), line({ lineId: 'l2', name: '米饭', unitPriceFen: 200, quantity: 2 })] }));
    if (!sale.ok) throw new Error(sale.code);
    const base = { saleId: sale.value.saleId, reason: '菜品问题', cashierId: 'cashier-1', approval, deviceTime: new Date().toISOString() };
    const refund = await refundSale(db, { ...base, refundId: crypto.randomUUID(), lines: [{ lineId: 'l1', quantity: 1 }] });
    expect(refund).toMatchObject({ ok: true, value: { amountFen: 3800, tenders: [{ kind: 'cash', amountFen: 3800 }] } });
    expect(await refundSale(db, { ...base, refundId: crypto.randomUUID(), lines: [{ lineId: 'l1', quantity: 2 }] })).toMatchObject({ ok: false, code: 'REFUND_EXCEEDS_SALE' });
    const rest = await refundSale(db, { ...base, refundId: crypto.randomUUID() });
    expect(rest).toMatchObject({ ok: true, value: { full: true, amountFen: 4200 } });
    expect(await refundSale(db, { ...base, refundId: crypto.randomUUID() })).toMatchObject({ ok: false, code: 'REFUND_EXCEEDS_SALE' });
    expect((await db.sales.get(sale.value.saleId))?.lines).toHaveLength(2);
    expect((await db.outbox.toArray()).map((e) => e.intent)).toEqual(['sale.create@1', 'sale.refund@1', 'sale.refund@1']);
  });
});

describe('members and shifts', () => {
  it('enrols a member offline, finds them by phone or member QR, and refuses the same phone twice', async () => {
    const { db } = await terminal();
    const id = crypto.randomUUID();
    expect(await enrolMember(db, { memberId: id, phone: '138 0013 8000', name: '李女士', deviceTime: new Date().toISOString() })).toMatchObject({ ok: true });
    expect(await findMemberByPhone(db, 'hexiao-member:13800138000')).toMatchObject({ ok: true, value: { memberId: id, pending: true } });
    expect(await enrolMember(db, { memberId: crypto.randomUUID(), phone: '13800138000', name: null, deviceTime: new Date().toISOString() })).toMatchObject({ ok: false, code: 'PHONE_TAKEN' });
    expect(await enrolMember(db, { memberId: crypto.randomUUID(), phone: '12345', name: null, deviceTime: new Date().toISOString() })).toMatchObject({ ok: false, code: 'PHONE_INVALID' });
  });

  it('opens one shift, and will not close silently while entries wait to sync', async () => {
    const { db } = await terminal();
    const now = new Date().toISOString();
    expect(await openShift(db, { shiftId: SHIFT, storeId: STORE, floatFen: 20000, openedBy: 'mgr-1', deviceTime: now })).toMatchObject({ ok: true });
    expect(await openShift(db, { shiftId: crypto.randomUUID(), storeId: STORE, floatFen: 0, openedBy: 'mgr-1', deviceTime: now })).toMatchObject({ ok: false, code: 'SHIFT_ALREADY_OPEN' });
    await commitSale(db, draft());
    const close = { shiftId: SHIFT, counted: { 10000: 2, 5000: 1, 1000: 2, 100: 6 }, closedBy: 'mgr-1', approval, deviceTime: now };
    expect(await closeShift(db, { ...close, acceptProvisional: false })).toMatchObject({ ok: false, code: 'UNSYNCED_ENTRIES' });
    const closed = await closeShift(db, { ...close, acceptProvisional: true });
    expect(closed).toMatchObject({ ok: true, value: { unsynced: 2, shift: { provisional: true, expectedFen: 27600, countedFen: 27600 } } });
  });
});
