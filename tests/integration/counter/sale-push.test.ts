import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SaleCreateResult, SaleRefundResult } from '../../../core/sale/sale-intents';
import { BACKENDS } from '../../support/server/backends';
import { buildSyncWorld, startSyncServer, voucherState, type SyncServer, type SyncWorld } from '../sync/support/sync-world';
import { approval, count, enrol, line, redemption, refund, sale, send } from './support/counter-entries';

describe.each(BACKENDS)('counter push: sales and refunds (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('applies a sale with a cash voucher, a member and cash once, however often it is resent', async () => {
    const member = enrol('13800138001', '王女士');
    expect((await send(w.a1, 'member.enrol@1', member)).status).toBe('applied');
    const voucher = await w.issue(w.campaigns.storeAOnly);
    const r = redemption(voucher.code);
    const args = sale({
      memberId: member.memberId,
      lines: [line({ qty: 2 })],
      vouchers: [{ use: 'tender', redemption: r }],
      payments: [{ kind: 'voucher', redemptionId: r.redemptionId, amountFen: 5000 }, { kind: 'cash', receivedFen: 10000 }],
      totalFen: 13600,
      changeFen: 1400,
    });
    const entry = w.a1.entry('sale.create@1', args);
    const first = await w.a1.pushOk([entry]);
    expect(first.results[0]).toMatchObject({ status: 'applied', error: null });
    expect(SaleCreateResult.parse(first.results[0]?.result)).toMatchObject({ totalFen: 13600, changeFen: 1400, pointsEarned: 86, memberId: member.memberId });
    for (let i = 0; i < 3; i++) expect((await w.a1.pushOk([entry])).results[0]?.status).toBe('duplicate');
    expect(await count(s.server.db, 'sales', 'id = ?', [args.saleId])).toBe(1);
    expect(await count(s.server.db, 'sale_payments', 'sale_id = ?', [args.saleId])).toBe(2);
    expect(await count(s.server.db, 'redemptions', 'redemption_id = ?', [r.redemptionId])).toBe(1);
    expect(await count(s.server.db, 'member_points', 'member_id = ? AND reason = ?', [member.memberId, 'earn'])).toBe(1);
    expect(await voucherState(s.server.db, voucher.id)).toMatchObject({ redeemed: 1, status: 'exhausted' });
    const again = sale({ ...args, saleId: crypto.randomUUID() });
    expect((await send(w.a1, 'sale.create@1', again)).error?.code).toBe('REDEMPTION_ID_REUSED');
  });

  it('refuses bad bills with a clear code and writes nothing, not even the voucher redemption', async () => {
    const voucher = await w.issue(w.campaigns.storeAOnly);
    const cases: [string, Parameters<typeof sale>[0]][] = [
      ['NEGATIVE_QUANTITY', { lines: [line({ qty: -1 })] }],
      ['VOUCHER_TENDER_EXCEEDS', (() => {
        const r = redemption(voucher.code);
        return { vouchers: [{ use: 'tender' as const, redemption: r }], payments: [{ kind: 'voucher' as const, redemptionId: r.redemptionId, amountFen: 6000 }, { kind: 'cash' as const, receivedFen: 800 }], changeFen: 0 };
      })()],
      ['OVERPAID_NON_CASH', { payments: [{ kind: 'card', amountFen: 9000, reference: 'POS-1' }], changeFen: 0 }],
      ['TENDER_MISMATCH', { changeFen: 3000 }],
      ['MANAGER_APPROVAL_REQUIRED', { orderDiscountFen: 6000, totalFen: 800, changeFen: 9200 }],
      ['VOUCHER_KIND_MISMATCH', (() => {
        const r = redemption(voucher.code);
        return { lines: [line(), line({ lineId: 'l2', unitPriceFen: 0, voucherRedemptionId: r.redemptionId })], vouchers: [{ use: 'product' as const, redemption: r }] };
      })()],
    ];
    for (const [code, over] of cases) {
      const args = sale(over);
      const answer = await send(w.a1, 'sale.create@1', args);
      expect([code, answer.status, answer.error?.code]).toEqual([code, 'rejected', code]);
      expect(await count(s.server.db, 'sales', 'id = ?', [args.saleId])).toBe(0);
      expect(await count(s.server.db, 'sale_lines', 'sale_id = ?', [args.saleId])).toBe(0);
    }
    expect(await voucherState(s.server.db, voucher.id)).toMatchObject({ redeemed: 0, status: 'active' });
    expect(await count(s.server.db, 'redemptions', 'voucher_id = ?', [voucher.id])).toBe(0);
  });

  it('takes a discount above the threshold with a store manager’s approval, audited', async () => {
    const args = sale({ orderDiscountFen: 6000, totalFen: 800, changeFen: 9200, discountApproval: approval(w.manager.id) });
    expect((await send(w.a1, 'sale.create@1', args)).status).toBe('applied');
    expect(await count(s.server.db, 'audit_log', `subject_id = ? AND action = 'sale.discount' AND actor_id = ?`, [args.saleId, w.terminals.a1.id])).toBe(1);
    const stranger = sale({ orderDiscountFen: 6000, totalFen: 800, changeFen: 9200, discountApproval: approval('not-a-manager') });
    expect((await send(w.a1, 'sale.create@1', stranger)).error?.code).toBe('MANAGER_PIN_INVALID');
  });

  it('refunds by line, then the rest, never more than sold; a product voucher’s use comes back', async () => {
    const voucher = await w.issue(w.campaigns.bothStores);
    const r = redemption(voucher.code);
    const args = sale({
      lines: [line({ qty: 3, unitPriceFen: 2000 }), line({ lineId: 'set', itemId: 'item-set', name: '双人套餐', unitPriceFen: 0, voucherRedemptionId: r.redemptionId })],
      vouchers: [{ use: 'product', redemption: r }],
      payments: [{ kind: 'wechat', amountFen: 6000, reference: 'WX-42' }],
      totalFen: 6000,
      changeFen: 0,
    });
    expect((await send(w.a1, 'sale.create@1', args)).status).toBe('applied');
    expect(await voucherState(s.server.db, voucher.id)).toMatchObject({ redeemed: 1 });

    const one = await send(w.a1, 'sale.refund@1', refund(args.saleId, w.manager.id, { lines: [{ lineId: 'l1', qty: 1 }] }));
    expect(SaleRefundResult.parse(one.result)).toMatchObject({ amountFen: 2000, tenders: [{ kind: 'wechat', amountFen: 2000 }] });
    const tooMany = await send(w.a1, 'sale.refund@1', refund(args.saleId, w.manager.id, { lines: [{ lineId: 'l1', qty: 3 }] }));
    expect(tooMany).toMatchObject({ status: 'rejected', error: { code: 'REFUND_EXCEEDS_SALE' } });
    const negative = await send(w.a1, 'sale.refund@1', refund(args.saleId, w.manager.id, { lines: [{ lineId: 'l1', qty: -2 }] }));
    expect(negative.error?.code).toBe('NEGATIVE_QUANTITY');
    const rest = await send(w.a1, 'sale.refund@1', refund(args.saleId, w.manager.id, { whole: true }));
    expect(SaleRefundResult.parse(rest.result)).toMatchObject({ amountFen: 4000, restoredRedemptionIds: [r.redemptionId.toLowerCase()] });
    expect(await voucherState(s.server.db, voucher.id)).toMatchObject({ redeemed: 0 });
    expect((await send(w.a1, 'sale.refund@1', refund(args.saleId, w.manager.id, { whole: true }))).error?.code).toBe('REFUND_EXCEEDS_SALE');
    expect(await count(s.server.db, 'sale_refunds', 'sale_id = ?', [args.saleId])).toBe(2);
    const unknown = await send(w.b1, 'sale.refund@1', refund(args.saleId, w.manager.id, { whole: true }));
    expect(unknown.error?.code).toBe('SALE_NOT_FOUND');
  });
});
