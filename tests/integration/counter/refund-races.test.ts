import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SaleRefundResult } from '../../../core/sale/sale-intents';
import { BACKENDS } from '../../support/server/backends';
import { buildSyncWorld, startSyncServer, voucherState, type SyncServer, type SyncWorld } from '../sync/support/sync-world';
import { count, line, query, redemption, refund, sale, send } from './support/counter-entries';

/** A sale of ￥136 paid with a ￥50 cash voucher and ￥100 cash (￥14 change). */
async function voucherSale(w: SyncWorld, campaign: SyncWorld['campaigns']['storeAOnly']) {
  const voucher = await w.issue(campaign);
  const r = redemption(voucher.code);
  const args = sale({
    lines: [line({ qty: 2 })],
    vouchers: [{ use: 'tender', redemption: r }],
    payments: [{ kind: 'voucher', redemptionId: r.redemptionId, amountFen: 5000 }, { kind: 'cash', receivedFen: 10000 }],
    totalFen: 13600,
    changeFen: 1400,
  });
  return { voucher, redemptionId: r.redemptionId, args };
}

describe.each(BACKENDS)('counter push: a sale’s voucher and refunds racing (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('refuses to reverse a voucher that paid part of a sale, naming the sale; the sale’s refund gives it back', async () => {
    const { voucher, redemptionId, args } = await voucherSale(w, w.campaigns.storeAOnly);
    expect((await send(w.a1, 'sale.create@1', args)).status).toBe('applied');
    const reverse = await w.a1.pushOk([w.a1.reverse(redemptionId, w.manager.id)]);
    expect(reverse.results[0]).toMatchObject({ status: 'rejected', error: { code: 'REDEMPTION_IN_SALE' } });
    expect(reverse.results[0]?.error?.message).toContain(args.saleId);
    expect(await voucherState(s.server.db, voucher.id)).toMatchObject({ redeemed: 1, status: 'exhausted' });
    expect(await count(s.server.db, 'redemption_reversals', 'redemption_id = ?', [redemptionId])).toBe(0);

    const whole = await send(w.a1, 'sale.refund@1', refund(args.saleId, w.manager.id, { whole: true }));
    expect(SaleRefundResult.parse(whole.result).restoredRedemptionIds).toEqual([redemptionId.toLowerCase()]);
    expect(await voucherState(s.server.db, voucher.id)).toMatchObject({ redeemed: 0, status: 'active' });
    // After the refund gave it back, a reversal has nothing left to undo.
    const late = await w.a1.pushOk([w.a1.reverse(redemptionId, w.manager.id)]);
    expect(late.results[0]?.status).toBe('rejected');
    expect(await count(s.server.db, 'redemption_reversals', 'redemption_id = ?', [redemptionId])).toBe(1);
  });

  it('a refund and a reversal of the sale’s voucher from two terminals at once free the use once', async () => {
    const sales = [];
    for (let i = 0; i < 4; i++) {
      const made = await voucherSale(w, w.campaigns.storeAOnly);
      expect((await send(w.a1, 'sale.create@1', made.args)).status).toBe('applied');
      sales.push(made);
    }
    for (const m of sales) {
      // One push per terminal at a time (a terminal's own pushes are sequential), both at once.
      const answers = await Promise.all([
        w.a1.pushOk([w.a1.entry('sale.refund@1', refund(m.args.saleId, w.manager.id, { whole: true }))]),
        w.a2.pushOk([w.a2.reverse(m.redemptionId, w.manager.id)]),
      ]);
      expect(answers[0].results[0]?.status).toBe('applied');
      expect(answers[1].results[0]).toMatchObject({ status: 'rejected' });
      expect(await voucherState(s.server.db, m.voucher.id)).toMatchObject({ redeemed: 0 });
      expect(await count(s.server.db, 'redemption_reversals', 'redemption_id = ?', [m.redemptionId])).toBe(1);
    }
  });

  it('two terminals refunding one sale at once never give back more than it sold', async () => {
    const sales = [];
    for (let i = 0; i < 6; i++) {
      // No voucher on these bills: nothing but the refund rows themselves is shared by the two refunds.
      const args = sale({
        lines: [line({ qty: 2 })],
        payments: [{ kind: 'wechat', amountFen: 5000, reference: `WX-${i}` }, { kind: 'cash', receivedFen: 10000 }],
        totalFen: 13600,
        changeFen: 1400,
      });
      expect((await send(w.a1, 'sale.create@1', args)).status).toBe('applied');
      sales.push({ args });
    }
    // Each terminal pushes its refunds of all six sales in one push, both pushes at once, so the
    // two transactions overlap for their whole length.
    const [fromA1, fromA2] = await Promise.all([
      w.a1.pushOk(sales.map((m) => w.a1.entry('sale.refund@1', refund(m.args.saleId, w.manager.id, { whole: true })))),
      w.a2.pushOk(sales.map((m) => w.a2.entry('sale.refund@1', refund(m.args.saleId, w.manager.id, { lines: [{ lineId: 'l1', qty: 2 }] })))),
    ]);
    for (const [i, m] of sales.entries()) {
      const statuses = [fromA1.results[i], fromA2.results[i]].map((r) => [r?.status, r?.error?.code ?? null]);
      expect(statuses.filter(([status]) => status === 'applied')).toHaveLength(1);
      expect(statuses).toContainEqual(['rejected', 'REFUND_EXCEEDS_SALE']);
      const [sums] = await query(s.server.db, `SELECT coalesce(sum(amount_fen), 0) AS fen FROM sale_refunds WHERE sale_id = ?`, [m.args.saleId]);
      const [qty] = await query(s.server.db, `SELECT coalesce(sum(qty), 0) AS qty FROM sale_refund_lines WHERE sale_id = ?`, [m.args.saleId]);
      const [cash] = await query(s.server.db, `SELECT coalesce(sum(amount_fen), 0) AS fen FROM sale_refund_tenders WHERE sale_id = ? AND kind = 'cash'`, [m.args.saleId]);
      expect(Number(sums?.['fen'])).toBeLessThanOrEqual(13600);
      expect(Number(qty?.['qty'])).toBe(2);
      expect(Number(cash?.['fen'])).toBeLessThanOrEqual(8600);
    }
  });
});
