import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiptBlock } from '../../../../core/receipt/document';
import { lookUpBillVoucher } from '../../../../renderer/counter/bill-voucher';
import { commitSale } from '../../../../renderer/counter/commit-sale';
import { shiftReportDocument } from '../../../../renderer/counter/counter-receipts';
import { shiftCashiers } from '../../../../renderer/shift/shift-cashiers';
import { closedShifts, nextReceiptNo, pruneHistory } from '../../../../renderer/shift/shift-history';
import { closeShift, figuresOf, openShift } from '../../../../renderer/shift/shift-ops';
import type { CounterSale, CounterShift } from '../../../../renderer/db/counter-tables';
import { PosDb, type LocalRedemption } from '../../../../renderer/db/pos-db';
import { writeMeta } from '../../../../renderer/db/sync-meta';
import { campaignRow, leaseRow, policyRow, voucherRow } from '../sync/support/fixtures';

const STORE = 'store-a';
const DAY = 86_400_000;
const open: PosDb[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

async function terminal() {
  const db = new PosDb(`reports-${crypto.randomUUID()}`);
  open.push(db);
  const cash = voucherRow({ campaignId: 'cash-50' });
  await db.vouchers.put(cash);
  await db.leases.put(leaseRow(cash));
  await db.campaigns.put(campaignRow({ campaignId: 'cash-50', title: '50元代金券', kind: 'cash', faceValueFen: 5000, minSpendFen: 0 }));
  await db.storePolicies.put(policyRow());
  await db.terminalUsers.bulkPut([
    { userId: 'mgr-1', storeId: STORE, name: '王店长', role: 'manager', pinVerifier: 'x' },
    { userId: 'mgr-2', storeId: STORE, name: '李店长', role: 'manager', pinVerifier: 'x' },
  ] as never);
  await writeMeta(db, 'cursor', 'c:1');
  await writeMeta(db, 'lastContactAt', Date.now());
  return { db, cash };
}

const at = (msAgo: number): string => new Date(Date.now() - msAgo).toISOString();

const redeemed = (over: Partial<LocalRedemption>): LocalRedemption => ({
  redemptionId: crypto.randomUUID(), codeMasked: '**** **** 0001', campaignTitle: '双人火锅套餐', count: 1, status: 'accepted', remaining: 0, errorCode: null,
  deviceTime: at(60_000), serverTime: at(60_000), mode: 'online', voucherId: 'v', basis: null, valueFen: 16800, settledAt: 0, reversal: null, ...over,
});

const lines = (blocks: ReceiptBlock[]): string[] =>
  blocks.flatMap((b) => (b.type === 'text' ? [b.text] : b.type === 'columns' ? [b.columns.map((c) => c.text).join(' | ')] : []));

describe('the shift report on the terminal', () => {
  it('counts every redemption made while the shift was open, on 核销 and on a bill, with offline ones and reversals', async () => {
    const { db, cash } = await terminal();
    const shiftId = crypto.randomUUID();
    await db.redemptions.put(redeemed({ deviceTime: at(20 * 60_000), campaignTitle: '开班前' }));
    expect(await openShift(db, { shiftId, storeId: STORE, floatFen: 20000, openedBy: 'mgr-1', deviceTime: at(10 * 60_000) })).toMatchObject({ ok: true });
    await db.redemptions.bulkPut([
      redeemed({ count: 2 }),
      redeemed({ mode: 'offline', status: 'pending', basis: 'lease' }),
      redeemed({ reversal: { reversalId: 'x', status: 'accepted', errorCode: null, reason: '顾客退单', managerId: 'mgr-1', requestedAt: at(30_000) } }),
      redeemed({ reversal: { reversalId: 'y', status: 'rejected', errorCode: 'REVERSAL_WINDOW_CLOSED', reason: '-', managerId: 'mgr-1', requestedAt: at(30_000) } }),
      redeemed({ status: 'rejected', errorCode: 'VOUCHER_EXHAUSTED' }),
    ]);
    const voucher = await lookUpBillVoucher(db, { code: cash.code }, { storeId: STORE, timeZone: 'Asia/Shanghai', now: new Date() });
    if (!voucher.ok) throw new Error(voucher.code);
    const sold = await commitSale(db, {
      saleId: crypto.randomUUID(), receiptNo: await nextReceiptNo(db), shiftId, cashierId: 'mgr-1', memberId: null, serviceMode: 'take_away', tableNo: null, note: null,
      lines: [{ lineId: 'l1', itemId: 'i1', name: '宫保鸡丁', unitPriceFen: 3800, quantity: 2, discountFen: 0, note: null, voucherRedemptionId: null }],
      orderDiscountFen: 0, discountApproval: null, vouchers: [voucher.value], offered: [{ method: 'cash', amountFen: 5000, reference: null }],
      deviceTime: new Date().toISOString(), storeId: STORE, timeZone: 'Asia/Shanghai',
    });
    expect(sold.ok).toBe(true);

    const shift = (await db.shifts.get(shiftId))!;
    const figures = await figuresOf(db, shift);
    expect(figures.redemptions).toEqual({
      redemptions: 5, uses: 6, offline: 2, reversed: 1,
      byCampaign: [
        { campaignKey: '50元代金券', title: '50元代金券', redemptions: 1, uses: 1, offline: 1, reversed: 0 },
        { campaignKey: '双人火锅套餐', title: '双人火锅套餐', redemptions: 4, uses: 5, offline: 1, reversed: 1 },
      ],
    });

    const place = { locale: 'zh-CN' as const, timeZone: 'Asia/Shanghai', storeName: '静安店', terminalId: 'T1', cashierName: await shiftCashiers(db, shift) };
    const x = lines(shiftReportDocument(shift, figures, place, new Date().toISOString()).blocks);
    expect(x[0]).toBe('X 报表（班中）');
    expect(x).toEqual(expect.arrayContaining(['收银员 | 王店长', '核销笔数 | 5', '  其中离线 | 2', '  其中已撤销 | 1']));
    expect(x.join('\n')).not.toMatch(/实点现金|差额/);

    // A redemption after the close belongs to no shift of this one.
    const closed = await closeShift(db, { shiftId, counted: { 10000: 2, 5000: 1 }, closedBy: 'mgr-2', approval: { managerId: 'mgr-2', approvedAt: at(0) }, acceptProvisional: true, deviceTime: new Date().toISOString() });
    if (!closed.ok) throw new Error(closed.code);
    await db.redemptions.put(redeemed({ deviceTime: new Date(Date.now() + 60_000).toISOString() }));
    const after = await figuresOf(db, closed.value.shift);
    expect(after.redemptions.redemptions).toBe(5);
    const z = lines(shiftReportDocument(closed.value.shift, after, { ...place, cashierName: await shiftCashiers(db, closed.value.shift) }, new Date().toISOString(), true).blocks);
    expect(z[0]).toBe('Z 报表（交班）');
    expect(z).toEqual(expect.arrayContaining(['** 重印 **', '收银员 | 王店长 / 李店长', '实点现金 | ￥250.00', '核销笔数 | 5']));
    expect(z.find((l) => l.startsWith('差额'))).toBe(`差额 | ￥${((25000 - after.cash.expectedFen) / 100).toFixed(2)}`);
  });
});

describe('the terminal’s history of shifts and sales', () => {
  const closedShift = (openedAgoDays: number, over: Partial<CounterShift> = {}): CounterShift => ({
    shiftId: crypto.randomUUID(), storeId: STORE, openedAt: at(openedAgoDays * DAY), openedBy: 'mgr-1', floatFen: 0, status: 'closed',
    closedAt: at(openedAgoDays * DAY - 3_600_000), closedBy: 'mgr-1', counted: {}, countedFen: 0, expectedFen: 0, provisional: false, ...over,
  });
  const saleIn = (shift: CounterShift, receiptNo: string, status: CounterSale['status']): CounterSale => ({
    saleId: crypto.randomUUID(), receiptNo, shiftId: shift.shiftId, cashierId: 'mgr-1', memberId: null, createdAt: shift.openedAt, serviceMode: 'take_away', tableNo: null,
    note: null, lines: [], orderDiscountFen: 0, subtotalFen: 0, discountFen: 0, vouchers: [], payments: [], totalFen: 0, changeFen: 0, pointsEarned: 0, approval: null, status,
  });

  it('keeps 30 days, prunes older settled shifts with their sales, never reusing a receipt number', async () => {
    const { db } = await terminal();
    const [oldSettled, oldPending, oldNewest, recent] = [closedShift(45), closedShift(40), closedShift(35), closedShift(3)];
    await db.shifts.bulkPut([oldSettled, oldPending, recent]);
    await db.sales.bulkPut([saleIn(oldSettled, '000001', 'accepted'), saleIn(oldPending, '000002', 'pending'), saleIn(recent, '000003', 'accepted')]);
    expect((await closedShifts(db, new Date())).map((s) => s.shiftId)).toEqual([recent.shiftId]);
    expect(await pruneHistory(db, new Date())).toBe(1);
    expect((await db.shifts.toArray()).map((s) => s.shiftId).sort()).toEqual([oldPending.shiftId, recent.shiftId].sort());
    expect(await db.sales.where('shiftId').equals(oldSettled.shiftId).count()).toBe(0);
    expect(await nextReceiptNo(db)).toBe('000004');

    // The newest closed shift stays even when old: the next receipt continues from its number.
    const { db: quiet } = await terminal();
    await quiet.shifts.bulkPut([oldSettled, oldNewest]);
    await quiet.sales.bulkPut([saleIn(oldSettled, '000007', 'accepted'), saleIn(oldNewest, '000008', 'accepted')]);
    expect(await pruneHistory(quiet, new Date())).toBe(1);
    expect(await quiet.shifts.count()).toBe(1);
    expect(await nextReceiptNo(quiet)).toBe('000009');

    // A long shift counts by when it closed: opened 31 days ago and closed 29 days ago, it is kept and listed.
    const { db: long } = await terminal();
    const overnight = closedShift(31, { closedAt: at(29 * DAY) });
    await long.shifts.bulkPut([oldSettled, overnight, closedShift(1)]);
    expect(await pruneHistory(long, new Date())).toBe(1);
    expect((await closedShifts(long, new Date())).map((s) => s.shiftId)).toContain(overnight.shiftId);
  });
});
