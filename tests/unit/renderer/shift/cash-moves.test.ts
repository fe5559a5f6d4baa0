import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CashMoveV1 } from '../../../../core/shift/shift-intents';
import { moveCash, precheckCashMove, type CashMoveRequest } from '../../../../renderer/shift/cash-moves';
import { closeShift, figuresOf, openShift } from '../../../../renderer/shift/shift-ops';
import type { CounterSale } from '../../../../renderer/db/counter-tables';
import { PosDb } from '../../../../renderer/db/pos-db';
import { applyPushResults } from '../../../../renderer/sync/apply-results';
import { posSyncHandlers } from '../../../../renderer/app/sync-wiring';

const SHIFT = '0190f000-0000-7000-8000-0000000000c1';
const approval = { managerId: 'mgr-1', approvedAt: '2026-11-25T10:00:00.000Z' };
const open: PosDb[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

/** A terminal with an open ￥200 shift and one ￥68 cash sale in it (nothing in the outbox yet but the open). */
async function till(): Promise<PosDb> {
  const db = new PosDb(`cash-${crypto.randomUUID()}`);
  open.push(db);
  const opened = await openShift(db, { shiftId: SHIFT, storeId: 'store-a', floatFen: 20000, openedBy: 'mgr-1', deviceTime: new Date().toISOString() });
  if (!opened.ok) throw new Error(opened.code);
  const sale: CounterSale = {
    saleId: crypto.randomUUID(), receiptNo: '000001', shiftId: SHIFT, cashierId: 'c1', memberId: null, createdAt: new Date().toISOString(), serviceMode: 'dine_in',
    tableNo: null, note: null, lines: [], orderDiscountFen: 0, subtotalFen: 6800, discountFen: 0, vouchers: [], payments: [{ method: 'cash', amountFen: 6800, reference: null }],
    totalFen: 6800, changeFen: 0, pointsEarned: 0, approval: null, status: 'accepted',
  };
  await db.sales.put(sale);
  return db;
}

const move = (over: Partial<CashMoveRequest> = {}): CashMoveRequest => ({
  moveId: crypto.randomUUID(), shiftId: SHIFT, direction: 'in', amountFen: 10000, reason: '', cashierId: 'c1', approval: null, deviceTime: new Date().toISOString(), ...over,
});

async function written(db: PosDb) {
  return { moves: await db.cashMoves.count(), entries: (await db.outbox.toArray()).filter((e) => e.intent === 'cash.move@1').length };
}

describe('cash in and out at the counter', () => {
  it('stores a pay-in and a pay-out with their cash.move outbox entries, and the till follows', async () => {
    const db = await till();
    const paidIn = await moveCash(db, move({ amountFen: 10000 }));
    expect(paidIn).toMatchObject({ ok: true, value: { direction: 'in', amountFen: 10000, reason: '—', approval: null, status: 'pending' } });
    const paidOut = await moveCash(db, move({ direction: 'out', amountFen: 5000, reason: ' 存银行 ', approval }));
    expect(paidOut).toMatchObject({ ok: true, value: { direction: 'out', amountFen: 5000, reason: '存银行', approval } });
    const entries = (await db.outbox.toArray()).filter((e) => e.intent === 'cash.move@1');
    expect(entries.map((e) => CashMoveV1.parse(e.args))).toEqual([
      { moveId: paidIn.ok ? paidIn.value.moveId : '', shiftId: SHIFT, direction: 'in', amountFen: 10000, reason: '—', approval: null, cashierId: 'c1' },
      { moveId: paidOut.ok ? paidOut.value.moveId : '', shiftId: SHIFT, direction: 'out', amountFen: 5000, reason: '存银行', approval, cashierId: 'c1' },
    ]);
    expect(entries.map((e) => e.clientId)).toEqual([paidIn.ok && paidIn.value.moveId, paidOut.ok && paidOut.value.moveId]);
    const shift = await db.shifts.get(SHIFT);
    expect((await figuresOf(db, shift!)).cash).toMatchObject({ inCount: 1, inFen: 10000, outCount: 1, outFen: 5000, expectedFen: 20000 + 6800 + 10000 - 5000 });
  });

  it('refuses bad amounts, a pay-out without reason or manager, or beyond the till, and writes nothing', async () => {
    const db = await till();
    const before = await written(db);
    for (const amountFen of [0, -500, 12.5, Number.NaN]) expect(await moveCash(db, move({ amountFen }))).toMatchObject({ ok: false, code: 'CASH_AMOUNT_INVALID' });
    expect(await moveCash(db, move({ direction: 'out', amountFen: 100, reason: '  ', approval }))).toMatchObject({ ok: false, code: 'CASH_REASON_REQUIRED' });
    expect(await moveCash(db, move({ direction: 'out', amountFen: 100, reason: '采购' }))).toMatchObject({ ok: false, code: 'MANAGER_APPROVAL_REQUIRED' });
    // The till holds ￥200 float + ￥68 cash sales.
    expect(await moveCash(db, move({ direction: 'out', amountFen: 26801, reason: '存银行', approval }))).toMatchObject({ ok: false, code: 'CASH_OUT_EXCEEDS_TILL' });
    expect(await precheckCashMove(db, { shiftId: SHIFT, direction: 'out', amountFen: 26801, reason: '存银行' })).toMatchObject({ ok: false, code: 'CASH_OUT_EXCEEDS_TILL' });
    expect(await written(db)).toEqual(before);
    expect(await moveCash(db, move({ direction: 'out', amountFen: 26800, reason: '存银行', approval }))).toMatchObject({ ok: true });
    expect(await moveCash(db, move({ direction: 'out', amountFen: 1, reason: '存银行', approval }))).toMatchObject({ ok: false, code: 'CASH_OUT_EXCEEDS_TILL' });
    expect(await written(db)).toEqual({ moves: 1, entries: 1 });
  });

  it('refuses a move without an open shift, and after the close', async () => {
    const db = await till();
    expect(await moveCash(db, move({ shiftId: crypto.randomUUID() }))).toMatchObject({ ok: false, code: 'SHIFT_NOT_OPEN' });
    expect(await precheckCashMove(db, { shiftId: '', direction: 'in', amountFen: 100, reason: '' })).toMatchObject({ ok: false, code: 'SHIFT_NOT_OPEN' });
    const closed = await closeShift(db, { shiftId: SHIFT, counted: { 10000: 2 }, closedBy: 'mgr-1', approval, acceptProvisional: true, deviceTime: new Date().toISOString() });
    expect(closed).toMatchObject({ ok: true, value: { shift: { expectedFen: 26800 } } });
    expect(await moveCash(db, move())).toMatchObject({ ok: false, code: 'SHIFT_NOT_OPEN' });
    expect(await written(db)).toEqual({ moves: 0, entries: 0 });
  });

  it('keeps the server’s answer: a refused pay-out no longer counts in the till', async () => {
    const db = await till();
    const out = await moveCash(db, move({ direction: 'out', amountFen: 5000, reason: '采购', approval }));
    if (!out.ok) throw new Error(out.code);
    const entry = (await db.outbox.toArray()).find((e) => e.clientId === out.value.moveId)!;
    await applyPushResults(db, posSyncHandlers(), [entry], [{ seq: entry.seq, clientId: entry.clientId, status: 'rejected', result: null, error: { code: 'MANAGER_PIN_INVALID', message: 'x' }, serverTime: new Date().toISOString() }], Date.now());
    expect((await db.cashMoves.get(out.value.moveId))?.status).toBe('rejected');
    expect((await figuresOf(db, (await db.shifts.get(SHIFT))!)).cash).toMatchObject({ outCount: 0, expectedFen: 26800 });
  });
});
