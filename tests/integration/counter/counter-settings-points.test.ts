import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COUNTER_SETTINGS } from '../../../core/sale/counter-settings';
import { SaleCreateResult } from '../../../core/sale/sale-intents';
import { CounterSettingsRow, type Change } from '../../../core/sync';
import { BACKENDS } from '../../support/server/backends';
import { SyncTerminal } from '../sync/support/sync-terminal';
import { buildSyncWorld, startSyncServer, type SyncServer, type SyncWorld } from '../sync/support/sync-world';
import { approval, count, enrol, line, query, sale, send } from './support/counter-entries';
import { OWNER_COUNTER_SETTINGS } from '../../support/counter-settings';


const settingsOf = (changes: Change[]) => changes.filter((c) => c.kind === 'counter_settings').map((c) => CounterSettingsRow.parse(c.data));

describe.each(BACKENDS)('counter settings by sync, and points as a tender on the server (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;
  const points = async (memberId: string) => Number((await query(s.server.db, `SELECT points FROM members WHERE id = ?`, [memberId]))[0]?.['points']);

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('sends every store the merchant’s settings: the defaults in the first sync, the owner’s change in the tail', async () => {
    const first = await w.a1.pullAll();
    expect(settingsOf(first.changes)).toEqual([{ merchantId: w.merchant.id, ...DEFAULT_COUNTER_SETTINGS }]);
    const progress = first.pages.filter((p) => p.progress !== null).at(-1)?.progress;
    expect(progress && progress.done).toBe(progress?.total);
    const atB = await w.b1.pullAll();
    const other = await SyncTerminal.pair(s.server, w.other.terminal.id);
    const atOther = await other.pullAll();

    const put = await w.merchantClient.request('PUT', '/merchant/counter-settings', JSON.stringify(OWNER_COUNTER_SETTINGS), 'application/json');
    expect(put.status).toBe(200);
    // A pull is at-least-once: the mirror keeps the last row of each kind and id.
    expect(settingsOf((await w.a1.pullAll(first.cursor)).changes).at(-1)).toEqual({ merchantId: w.merchant.id, ...OWNER_COUNTER_SETTINGS });
    expect(settingsOf((await w.b1.pullAll(atB.cursor)).changes).at(-1)).toEqual({ merchantId: w.merchant.id, ...OWNER_COUNTER_SETTINGS });
    expect(settingsOf((await other.pullAll(atOther.cursor)).changes)).toEqual([]);
    expect(settingsOf((await other.pullAll()).changes)).toEqual([{ merchantId: w.other.merchant.id, ...DEFAULT_COUNTER_SETTINGS }]);
  });

  it('applies the synced settings to a pushed sale: a discount above ￥10 needs a manager, points at the owner’s rule', async () => {
    const member = enrol('13700007777', '吴');
    await send(w.a1, 'member.enrol@1', member);
    const bill = { lines: [line({ unitPriceFen: 3000, qty: 2 })], orderDiscountFen: 1500, totalFen: 4500 };
    const unapproved = sale({ ...bill, payments: [{ kind: 'cash', receivedFen: 5000 }], changeFen: 500 });
    expect((await send(w.a1, 'sale.create@1', unapproved)).error?.code).toBe('MANAGER_APPROVAL_REQUIRED');
    const approved = sale({ ...bill, memberId: member.memberId, discountApproval: approval(w.manager.id), payments: [{ kind: 'cash', receivedFen: 5000 }], changeFen: 500 });
    expect(SaleCreateResult.parse((await send(w.a1, 'sale.create@1', approved)).result).pointsEarned).toBe(90);
    const withPoints = sale({ memberId: member.memberId, lines: [line({ unitPriceFen: 1555 })], payments: [{ kind: 'points', points: 90 }, { kind: 'cash', receivedFen: 1000 }], totalFen: 1555, changeFen: 345 });
    const answer = await send(w.a1, 'sale.create@1', withPoints);
    expect(SaleCreateResult.parse(answer.result).pointsEarned).toBe(13);
    expect(await points(member.memberId)).toBe(90 - 90 + 13);
    const paid = await query(s.server.db, `SELECT kind, amount_fen, points FROM sale_payments WHERE sale_id = ? ORDER BY tender_id`, [withPoints.saleId]);
    expect(paid.map((p) => [p['kind'], Number(p['amount_fen']), p['points'] === null ? null : Number(p['points'])])).toEqual([['points', 900, 90], ['cash', 655, null]]);
  });

  it('refuses bad points tenders with stable codes and writes nothing', async () => {
    const member = enrol('13700008888', null);
    await send(w.a1, 'member.enrol@1', member);
    await send(w.a1, 'sale.create@1', sale({ memberId: member.memberId, lines: [line({ unitPriceFen: 2000 })], payments: [{ kind: 'cash', receivedFen: 2000 }], totalFen: 2000, changeFen: 0 }));
    expect(await points(member.memberId)).toBe(40);
    const ledger = await count(s.server.db, 'member_points', 'member_id = ?', [member.memberId]);
    const onBill = (pts: number, over: Parameters<typeof sale>[0] = {}) =>
      sale({ memberId: member.memberId, lines: [line({ unitPriceFen: 1000 })], payments: [{ kind: 'points', points: pts }, { kind: 'cash', receivedFen: 1000 }], totalFen: 1000, changeFen: pts * 10, ...over });
    const cases: [string, ReturnType<typeof sale>][] = [
      ['POINTS_INSUFFICIENT', onBill(41)],
      ['POINTS_NOT_WHOLE', onBill(1.5)],
      ['POINTS_NEED_MEMBER', onBill(10, { memberId: null })],
      ['POINTS_NEED_MEMBER', onBill(10, { memberId: randomUUID() })],
      ['POINTS_EXCEED_DUE', sale({ memberId: member.memberId, lines: [line({ unitPriceFen: 300 })], payments: [{ kind: 'points', points: 31 }], totalFen: 300, changeFen: 0 })],
    ];
    for (const [code, args] of cases) {
      const res = await w.a1.push([w.a1.entry('sale.create@1', args)]);
      expect(res.status, code).toBe(200);
      expect(res.body.results[0]?.error?.code, code).toBe(code);
      expect(await count(s.server.db, 'sales', 'id = ?', [args.saleId]), code).toBe(0);
    }
    expect(await points(member.memberId)).toBe(40);
    expect(await count(s.server.db, 'member_points', 'member_id = ?', [member.memberId])).toBe(ledger);
  });

  it('lets only one of two terminals spending the same points at once have them', async () => {
    const member = enrol('13700009999', null);
    await send(w.a1, 'member.enrol@1', member);
    await send(w.a1, 'sale.create@1', sale({ memberId: member.memberId, lines: [line({ unitPriceFen: 5000 })], payments: [{ kind: 'card', amountFen: 5000, reference: 'C-1' }], totalFen: 5000, changeFen: 0 }));
    expect(await points(member.memberId)).toBe(100);
    const spend = () => sale({ memberId: member.memberId, lines: [line({ unitPriceFen: 1000 })], payments: [{ kind: 'points', points: 100 }], totalFen: 1000, changeFen: 0 });
    const [a, b] = await Promise.all([send(w.a1, 'sale.create@1', spend()), send(w.a2, 'sale.create@1', spend())]);
    expect([a.status, b.status].sort()).toEqual(['applied', 'rejected']);
    expect([a.error?.code, b.error?.code].filter(Boolean)).toEqual(['POINTS_INSUFFICIENT']);
    expect(await points(member.memberId)).toBe(0);
    const ledger = await query(s.server.db, `SELECT sum(delta) AS total FROM member_points WHERE member_id = ?`, [member.memberId]);
    expect(Number(ledger[0]?.['total'])).toBe(0);
  });
});
