import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SaleCreateResult, SaleRefundResult } from '../../../core/sale/sale-intents';
import { addTerminalUser } from '../../../server/counter/terminal-users';
import { BACKENDS } from '../../support/server/backends';
import { buildSyncWorld, startSyncServer, voucherState, type SyncServer, type SyncWorld } from '../sync/support/sync-world';
import { closeShift, count, enrol, line, openShift, patch, query, redemption, refund, sale, send } from './support/counter-entries';

describe.each(BACKENDS)('counter push: retries, points and voucher tenders (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('applies every counter intent once when the whole outbox is sent again and again', async () => {
    const managerB = await addTerminalUser(s.server.db, w.merchant.id, { storeId: w.stores.b.id, name: 'B 店长', role: 'manager', pin: '5555' });
    const member = enrol('13300005555', '周');
    const shift = openShift(20000);
    const first = sale({ shiftId: shift.shiftId, memberId: member.memberId });
    const entries = [
      w.b1.entry('member.enrol@1', member),
      w.b1.entry('member.patch@1', patch(member.memberId, 1, { level: '银卡' })),
      w.b1.entry('shift.open@1', shift),
      w.b1.entry('sale.create@1', first),
      w.b1.entry('sale.refund@1', refund(first.saleId, managerB.id, { lines: [{ lineId: 'l1', qty: 1 }] })),
      w.b1.entry('cash.move@1', { moveId: randomUUID(), shiftId: shift.shiftId, direction: 'in', amountFen: 500, reason: '找零备用金', approval: null }),
      w.b1.entry('shift.close@1', closeShift(shift.shiftId, managerB.id, [{ denominationFen: 10000, count: 2 }])),
    ];
    const answers = [await w.b1.pushOk(entries), await w.b1.pushOk(entries), await w.b1.pushOk(entries.slice(3))];
    expect(answers[0]?.results.map((r) => [r.status, r.error?.code ?? null])).toEqual(entries.map(() => ['applied', null]));
    expect(answers[1]?.results.every((r) => r.status === 'duplicate')).toBe(true);
    expect(answers[2]?.results.map((r) => r.result)).toEqual(answers[0]?.results.slice(3).map((r) => r.result));
    expect(await count(s.server.db, 'members', 'id = ?', [member.memberId])).toBe(1);
    expect(await count(s.server.db, 'sales', 'id = ?', [first.saleId])).toBe(1);
    expect(await count(s.server.db, 'sale_refunds', 'sale_id = ?', [first.saleId])).toBe(1);
    expect(await count(s.server.db, 'shifts', 'id = ? AND closed_at IS NOT NULL', [shift.shiftId])).toBe(1);
    expect(await count(s.server.db, 'cash_moves', 'shift_id = ?', [shift.shiftId])).toBe(1);
    expect(await count(s.server.db, 'member_points', 'member_id = ?', [member.memberId])).toBe(2);
    expect(await count(s.server.db, 'audit_log', `subject_id = ? AND action = 'member.patch'`, [member.memberId])).toBe(1);
  });

  it('spends points as a tender and a whole refund gives them back and takes the earned ones', async () => {
    const member = enrol('13300006666', null);
    await send(w.a1, 'member.enrol@1', member);
    const earning = sale({ memberId: member.memberId, lines: [line({ qty: 10 })], payments: [{ kind: 'card', amountFen: 68000, reference: 'C-9' }], totalFen: 68000, changeFen: 0 });
    expect(SaleCreateResult.parse((await send(w.a1, 'sale.create@1', earning)).result).pointsEarned).toBe(680);
    const spending = sale({ memberId: member.memberId, payments: [{ kind: 'points', points: 500 }, { kind: 'cash', receivedFen: 6300 }], totalFen: 6800, changeFen: 0 });
    expect(SaleCreateResult.parse((await send(w.a1, 'sale.create@1', spending)).result).pointsEarned).toBe(63);
    const stranger = sale({ memberId: randomUUID() });
    expect(SaleCreateResult.parse((await send(w.a1, 'sale.create@1', stranger)).result)).toMatchObject({ memberId: null, pointsEarned: 0 });
    const greedy = sale({ memberId: member.memberId, payments: [{ kind: 'points', points: 6800 }], totalFen: 6800, changeFen: 0 });
    expect((await send(w.a1, 'sale.create@1', greedy)).error?.code).toBe('POINTS_INSUFFICIENT');
    const points = async () => Number((await query(s.server.db, `SELECT points FROM members WHERE id = ?`, [member.memberId]))[0]?.['points']);
    expect(await points()).toBe(680 - 500 + 63);
    const back = await send(w.a1, 'sale.refund@1', refund(spending.saleId, w.manager.id, { whole: true }));
    expect(SaleRefundResult.parse(back.result)).toMatchObject({ amountFen: 6800, pointsReversed: 63 });
    expect(await points()).toBe(680);
  });

  it('a refunded cash-voucher tender gives the voucher its use back; a voucher spent elsewhere keeps the sale as a conflict', async () => {
    const voucher = await w.issue(w.campaigns.bothStores);
    const cash = await w.issue(w.campaigns.storeAOnly);
    const r = redemption(cash.code);
    const paid = sale({ vouchers: [{ use: 'tender', redemption: r }], payments: [{ kind: 'voucher', redemptionId: r.redemptionId, amountFen: 5000 }, { kind: 'cash', receivedFen: 2000 }], changeFen: 200 });
    expect((await send(w.a1, 'sale.create@1', paid)).status).toBe('applied');
    expect(await voucherState(s.server.db, cash.id)).toMatchObject({ redeemed: 1 });
    await send(w.a1, 'sale.refund@1', refund(paid.saleId, w.manager.id, { whole: true }));
    expect(await voucherState(s.server.db, cash.id)).toMatchObject({ redeemed: 0, status: 'active' });

    // Both uses of a two-use voucher went at store B; store A sold a set on it while offline.
    for (let i = 0; i < 2; i++) expect((await w.b1.pushOk([w.b1.redeem(voucher.code)])).results[0]?.status).toBe('applied');
    const rp = redemption(voucher.code);
    const late = sale({ lines: [line(), line({ lineId: 'set', unitPriceFen: 0, voucherRedemptionId: rp.redemptionId })], vouchers: [{ use: 'product', redemption: rp }] });
    const answer = await send(w.a1, 'sale.create@1', late);
    expect(answer.status).toBe('conflict');
    expect(await query(s.server.db, `SELECT outcome FROM sales WHERE id = ?`, [late.saleId])).toEqual([{ outcome: 'conflict' }]);
    expect(await count(s.server.db, 'redemption_conflicts', 'redemption_id = ?', [rp.redemptionId.toLowerCase()])).toBe(1);
  });
});
