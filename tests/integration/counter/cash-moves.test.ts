import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShiftReport } from '../../../core/shift/shift-report';
import { addTerminalUser } from '../../../server/counter/terminal-users';
import { BACKENDS } from '../../support/server/backends';
import { buildSyncWorld, startSyncServer, type SyncServer, type SyncWorld } from '../sync/support/sync-world';
import { approval, closeShift, count, openShift, query, refund, sale, send } from './support/counter-entries';

interface ReportBody {
  kind: string;
  report: ShiftReport;
  cashMoves: { moveId: string; direction: string; amountFen: number; reason: string; approvedBy: string | null }[];
}

describe.each(BACKENDS)('counter push: cash paid in and out of a shift (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
  });
  afterAll(async () => {
    await s?.stop();
  });

  const move = (shiftId: string, over: Record<string, unknown> = {}) => ({
    moveId: randomUUID(), shiftId, direction: 'in', amountFen: 10000, reason: '找零备用金', approval: null, cashierId: 'cashier-1', ...over,
  });

  it('records pay-ins and approved pay-outs, audits who did and approved them, and the X/Z report counts them', async () => {
    const shift = openShift(20000);
    expect((await send(w.a1, 'shift.open@1', shift)).status).toBe('applied');
    const sold = sale({ shiftId: shift.shiftId });
    expect((await send(w.a1, 'sale.create@1', sold)).status).toBe('applied');
    expect((await send(w.a1, 'sale.refund@1', refund(sold.saleId, w.manager.id, { lines: [{ lineId: 'l1', qty: 1 }] }))).status).toBe('applied');
    const paidIn = move(shift.shiftId);
    const paidOut = move(shift.shiftId, { direction: 'out', amountFen: 5000, reason: ' 存银行 ', approval: approval(w.manager.id) });
    expect((await send(w.a1, 'cash.move@1', paidIn)).status).toBe('applied');
    expect((await send(w.a1, 'cash.move@1', paidOut)).status).toBe('applied');

    const x = await w.merchantClient.get<ReportBody>(`/merchant/shifts/${shift.shiftId}/report`);
    expect(x.body.kind).toBe('X');
    // ￥200 float + ￥68 cash taken − ￥68 refunded in cash + ￥100 paid in − ￥50 paid out.
    expect(x.body.report).toMatchObject({ cashInCount: 1, cashInFen: 10000, cashOutCount: 1, cashOutFen: 5000, expectedCashFen: 25000 });
    expect(x.body.cashMoves).toEqual([
      expect.objectContaining({ moveId: paidIn.moveId, direction: 'in', amountFen: 10000, reason: '找零备用金', approvedBy: null }),
      expect.objectContaining({ moveId: paidOut.moveId, direction: 'out', amountFen: 5000, reason: '存银行', approvedBy: w.manager.id }),
    ]);
    const audits = await query(s.server.db, `SELECT subject_id, actor_type, actor_id, details FROM audit_log WHERE merchant_id = ? AND action = 'cash.move' ORDER BY at, id`, [w.merchant.id]);
    expect(audits.map((a) => [a['subject_id'], a['actor_type'], a['actor_id'], JSON.parse(String(a['details']))])).toEqual([
      [paidIn.moveId, 'terminal', w.terminals.a1.id, { managerId: null, cashierId: 'cashier-1', shiftId: shift.shiftId, direction: 'in', amountFen: 10000, reason: '找零备用金' }],
      [paidOut.moveId, 'terminal', w.terminals.a1.id, { managerId: w.manager.id, cashierId: 'cashier-1', shiftId: shift.shiftId, direction: 'out', amountFen: 5000, reason: '存银行' }],
    ]);

    const closed = await send(w.a1, 'shift.close@1', closeShift(shift.shiftId, w.manager.id, [{ denominationFen: 10000, count: 2 }, { denominationFen: 5000, count: 1 }]));
    expect(closed.result).toMatchObject({ countedFen: 25000, expectedFen: 25000, differenceFen: 0 });
    const z = await w.merchantClient.get<ReportBody>(`/merchant/shifts/${shift.shiftId}/report`);
    expect(z.body).toMatchObject({ kind: 'Z', report: x.body.report });
    // Nothing moves in or out of a closed till.
    expect((await send(w.a1, 'cash.move@1', move(shift.shiftId))).error?.code).toBe('SHIFT_NOT_OPEN');
  });

  it('refuses a bad move with a stable code and records nothing', async () => {
    const shift = openShift(0);
    expect((await send(w.a2, 'shift.open@1', shift)).status).toBe('applied');
    const cashier = await addTerminalUser(s.server.db, w.merchant.id, { storeId: w.stores.a.id, name: '小王', role: 'cashier', pin: '1357' });
    const out = (over: Record<string, unknown>) => move(shift.shiftId, { direction: 'out', amountFen: 100, reason: '采购', approval: approval(w.manager.id), ...over });
    const refused = [
      [out({ approval: null }), 'MANAGER_APPROVAL_REQUIRED'],
      [out({ approval: approval(cashier.id) }), 'MANAGER_PIN_INVALID'],
      [out({ reason: '   ' }), 'CASH_REASON_REQUIRED'],
      [out({ amountFen: 0 }), 'VALIDATION_FAILED'],
      [out({ amountFen: -100 }), 'VALIDATION_FAILED'],
      [move(shift.shiftId, { amountFen: 12.5 }), 'VALIDATION_FAILED'],
      [move(randomUUID()), 'SHIFT_NOT_FOUND'],
    ] as const;
    for (const [args, code] of refused) expect((await send(w.a2, 'cash.move@1', args)).error?.code, code).toBe(code);
    // A store's shift is not another store's till.
    const atB = openShift(0);
    expect((await send(w.b1, 'shift.open@1', atB)).status).toBe('applied');
    expect((await send(w.a2, 'cash.move@1', move(atB.shiftId))).error?.code).toBe('SHIFT_NOT_FOUND');
    // The same move id twice is one move.
    const once = move(shift.shiftId);
    expect((await send(w.a2, 'cash.move@1', once)).status).toBe('applied');
    expect((await send(w.a2, 'cash.move@1', { ...once, amountFen: 99900 })).error?.code).toBe('VALIDATION_FAILED');
    expect(await count(s.server.db, 'cash_moves', 'shift_id = ?', [shift.shiftId])).toBe(1);
    expect(await count(s.server.db, 'cash_moves', 'shift_id = ?', [atB.shiftId])).toBe(0);
  });
});
