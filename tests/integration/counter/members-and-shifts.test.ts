import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemberEnrolResult, MemberPatchResult } from '../../../core/member/member-intents';
import type { computeShiftReport } from '../../../core/shift/shift-report';
import { ShiftCloseResult } from '../../../core/shift/shift-intents';
import { BACKENDS } from '../../support/server/backends';
import { buildSyncWorld, startSyncServer, type SyncServer, type SyncWorld } from '../sync/support/sync-world';
import { approval, closeShift, count, enrol, line, openShift, patch, query, redemption, refund, sale, send } from './support/counter-entries';

describe.each(BACKENDS)('counter push: members and shifts (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('merges the same phone enrolled offline at two stores into one member with both histories and all points', async () => {
    const atA = enrol('139 0000 1111', '李先生');
    const atB = enrol('+8613900001111', null);
    // Both stores enrolled and sold while offline; A's entries reach the server first.
    const saleA = sale({ memberId: atA.memberId });
    const saleB = sale({ memberId: atB.memberId, lines: [line({ unitPriceFen: 12345 })], payments: [{ kind: 'alipay', amountFen: 12345, reference: 'ALI-9' }], totalFen: 12345, changeFen: 0 });
    expect(await w.a1.pushOk([w.a1.entry('member.enrol@1', atA), w.a1.entry('sale.create@1', saleA)])).toMatchObject({ results: [{ status: 'applied' }, { status: 'applied' }] });
    const pushedB = await w.b1.pushOk([w.b1.entry('member.enrol@1', atB), w.b1.entry('sale.create@1', saleB)]);
    expect(pushedB.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(MemberEnrolResult.parse(pushedB.results[0]?.result)).toEqual({ memberId: atA.memberId, merged: true });

    const members = await query(s.server.db, `SELECT id, points, visits, name FROM members WHERE merchant_id = ? AND phone = ?`, [w.merchant.id, '+8613900001111']);
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ id: atA.memberId, name: '李先生' });
    expect(Number(members[0]?.['points'])).toBe(68 + 123);
    expect(Number(members[0]?.['visits'])).toBe(2);
    const ledger = await query(s.server.db, `SELECT sum(delta) AS total FROM member_points WHERE merchant_id = ? AND member_id = ?`, [w.merchant.id, atA.memberId]);
    expect(Number(ledger[0]?.['total'])).toBe(191);
    expect(await count(s.server.db, 'sales', 'member_id = ?', [atA.memberId])).toBe(2);

    // A later enrolment with the merged id answers the member it joined.
    expect(MemberEnrolResult.parse((await send(w.b1, 'member.enrol@1', atB)).result)).toEqual({ memberId: atA.memberId, merged: true });
    expect((await send(w.a1, 'member.enrol@1', enrol('12345'))).error?.code).toBe('PHONE_INVALID');
  });

  it('applies field patches last writer by server receipt and reports the overwritten field', async () => {
    const m = enrol('13700002222', '赵');
    await send(w.a1, 'member.enrol@1', m);
    const [row] = await query(s.server.db, `SELECT version FROM members WHERE id = ?`, [m.memberId]);
    const base = Number(row?.['version']);
    const fromA = await send(w.a1, 'member.patch@1', patch(m.memberId, base, { note: '靠窗', level: '金卡' }));
    expect(fromA.status).toBe('applied');
    const fromB = await send(w.b1, 'member.patch@1', patch(m.memberId, base, { note: '不要香菜' }));
    expect(fromB.status).toBe('conflict');
    expect(MemberPatchResult.parse(fromB.result).conflicts).toEqual([{ field: 'note', overwritten: '靠窗' }]);
    const [after] = await query(s.server.db, `SELECT note, level FROM members WHERE id = ?`, [m.memberId]);
    expect(after).toMatchObject({ note: '不要香菜', level: '金卡' });
  });

  it('opens a shift, sells, refunds, moves cash and closes with a count; the Z report matches the rows', async () => {
    const shift = openShift(50000);
    expect((await send(w.a2, 'shift.open@1', shift)).status).toBe('applied');
    expect((await send(w.a2, 'shift.open@1', openShift(100))).error?.code).toBe('SHIFT_ALREADY_OPEN');
    const voucher = await w.issue(w.campaigns.storeAOnly);
    const r = redemption(voucher.code);
    const sales = [
      sale({ shiftId: shift.shiftId }),
      sale({ shiftId: shift.shiftId, lines: [line({ qty: 2 })], vouchers: [{ use: 'tender', redemption: r }], payments: [{ kind: 'voucher', redemptionId: r.redemptionId, amountFen: 5000 }, { kind: 'wechat', amountFen: 8600, reference: 'WX-7' }], totalFen: 13600, changeFen: 0 }),
      sale({ shiftId: shift.shiftId, lines: [line({ discountFen: 800 })], payments: [{ kind: 'card', amountFen: 3000, reference: 'C-1' }, { kind: 'cash', receivedFen: 3000 }], totalFen: 6000, changeFen: 0 }),
    ];
    for (const args of sales) expect((await send(w.a2, 'sale.create@1', args)).status).toBe('applied');
    expect((await send(w.a2, 'sale.refund@1', refund(sales[0]!.saleId, w.manager.id, { lines: [{ lineId: 'l1', qty: 1 }] }))).status).toBe('applied');
    expect((await send(w.a2, 'cash.move@1', { moveId: crypto.randomUUID(), shiftId: shift.shiftId, direction: 'out', amountFen: 2000, reason: '买菜', approval: approval(w.manager.id) })).status).toBe('applied');

    const report = await w.merchantClient.get<{ kind: string; report: ReturnType<typeof computeShiftReport> }>(`/merchant/shifts/${shift.shiftId}/report`);
    expect(report.status).toBe(200);
    expect(report.body.kind).toBe('X');
    // 50000 float + 6800 + 3000 cash taken − 6800 refunded in cash − 2000 paid out.
    expect(report.body.report).toMatchObject({
      saleCount: 3, netSalesFen: 26400, discountFen: 800, refundFen: 6800, refundCount: 1, cashOutFen: 2000, expectedCashFen: 51000,
      byTender: { cash: 9800, wechat: 8600, card: 3000, voucher: 5000, alipay: 0, points: 0 },
      vouchersByCampaign: [{ campaignId: w.campaigns.storeAOnly.id, count: 1, amountFen: 5000 }],
    });
    const [sums] = await query(s.server.db, `SELECT sum(total_fen) AS total, count(*) AS n FROM sales WHERE shift_id = ?`, [shift.shiftId]);
    expect([Number(sums?.['total']), Number(sums?.['n'])]).toEqual([report.body.report.netSalesFen, report.body.report.saleCount]);

    expect((await send(w.a2, 'shift.close@1', closeShift(shift.shiftId, w.manager.id, [{ denominationFen: 300, count: 1 }]))).error?.code).toBe('CASH_COUNT_INVALID');
    const closed = await send(w.a2, 'shift.close@1', closeShift(shift.shiftId, w.manager.id, [{ denominationFen: 10000, count: 4 }, { denominationFen: 5000, count: 1 }, { denominationFen: 1000, count: 4 }, { denominationFen: 500, count: 2 }]));
    expect(ShiftCloseResult.parse(closed.result)).toEqual({ shiftId: shift.shiftId, countedFen: 50000, expectedFen: 51000, differenceFen: -1000 });
    expect((await w.merchantClient.get<{ kind: string }>(`/merchant/shifts/${shift.shiftId}/report`)).body.kind).toBe('Z');
    expect((await send(w.a2, 'shift.close@1', closeShift(shift.shiftId, w.manager.id, []))).error?.code).toBe('SHIFT_NOT_OPEN');
    expect(await count(s.server.db, 'audit_log', `subject_id = ? AND action = 'shift.close'`, [shift.shiftId])).toBe(1);
  });
});
