import { describe, expect, it } from 'vitest';
import { computeShiftReport } from '../../../../core/shift/shift-report';
import { shiftReportDocument } from '../../../../renderer/counter/counter-receipts';
import { countedFen, shiftFigures } from '../../../../renderer/shift/shift-figures';
import type { CounterShift } from '../../../../renderer/db/counter-tables';
import type { CounterRefund, CounterSale } from '../../../../renderer/db/counter-tables';

const sale = (over: Partial<CounterSale>): CounterSale => ({
  saleId: 's',
  receiptNo: '1',
  shiftId: 'sh',
  cashierId: 'u',
  memberId: null,
  createdAt: '2026-11-25T10:00:00Z',
  serviceMode: 'dine_in',
  tableNo: null,
  note: null,
  lines: [],
  orderDiscountFen: 0,
  subtotalFen: 0,
  discountFen: 0,
  vouchers: [],
  payments: [],
  totalFen: 0,
  changeFen: 0,
  pointsEarned: 0,
  approval: null,
  status: 'pending',
  ...over,
});

describe('shift figures', () => {
  it('sums sales by tender, vouchers by campaign, discounts, refunds and the cash expected in the till', () => {
    const sales = [
      sale({ totalFen: 7300, discountFen: 800, payments: [{ method: 'cash', amountFen: 1300, reference: null }, { method: 'wechat', amountFen: 1000, reference: 'w' }],
        vouchers: [{ redemptionId: 'r', voucherId: 'v', campaignId: 'c1', campaignTitle: '50元代金券', codeMasked: '**** **** 9012', kind: 'cash', amountFen: 5000 }] }),
      sale({ totalFen: 500, payments: [{ method: 'cash', amountFen: 500, reference: null }] }),
    ];
    const refunds: CounterRefund[] = [{ refundId: 'f', saleId: 's', shiftId: 'sh', createdAt: '', lines: [], amountFen: 300, full: false, reason: 'x',
      tenders: [{ tenderId: 't1', kind: 'cash', amountFen: 300 }], approval: { managerId: 'm', approvedAt: '' }, status: 'pending' }];
    const figures = shiftFigures({ floatFen: 20000 }, sales, refunds);
    expect(figures.salesTotalFen).toBe(7800);
    expect(figures.byTender).toEqual([{ method: 'cash', count: 2, amountFen: 1800 }, { method: 'wechat', count: 1, amountFen: 1000 }]);
    expect(figures.vouchersByCampaign).toEqual([{ campaignId: 'c1', title: '50元代金券', count: 1, amountFen: 5000 }]);
    expect(figures.discountsFen).toBe(800);
    expect(figures.refundsTotalFen).toBe(300);
    expect(figures.cash).toEqual({ openingFen: 20000, salesFen: 1800, refundsFen: 300, inCount: 0, inFen: 0, outCount: 0, outFen: 0, expectedFen: 21500 });
  });

  it('moves the expected cash by what was paid in and out, as the server’s report counts it', () => {
    const sales = [sale({ totalFen: 6800, payments: [{ method: 'cash', amountFen: 6800, reference: null }] }), sale({ totalFen: 900, payments: [{ method: 'wechat', amountFen: 900, reference: 'w' }] })];
    const refunds: CounterRefund[] = [{ refundId: 'f', saleId: 's', shiftId: 'sh', createdAt: '', lines: [], amountFen: 1000, full: false, reason: 'x',
      tenders: [{ tenderId: 't1', kind: 'cash', amountFen: 1000 }], approval: { managerId: 'm', approvedAt: '' }, status: 'pending' }];
    const moves = [{ direction: 'in' as const, amountFen: 10000 }, { direction: 'out' as const, amountFen: 5000 }, { direction: 'out' as const, amountFen: 1234 }];
    const figures = shiftFigures({ floatFen: 20000 }, sales, refunds, moves);
    expect(figures.cash).toEqual({ openingFen: 20000, salesFen: 6800, refundsFen: 1000, inCount: 1, inFen: 10000, outCount: 2, outFen: 6234, expectedFen: 20000 + 6800 - 1000 + 10000 - 6234 });
    const server = computeShiftReport({
      openingFloatFen: 20000,
      sales: sales.map((s) => ({ grossFen: s.totalFen, discountFen: 0, totalFen: s.totalFen, productVoucherCampaigns: [], tenders: s.payments.map((p) => ({ kind: p.method, amountFen: p.amountFen, campaignId: null })) })),
      refunds: refunds.map((r) => ({ amountFen: r.amountFen, tenders: r.tenders })),
      cashMoves: moves,
    });
    expect({ in: figures.cash.inFen, out: figures.cash.outFen, expected: figures.cash.expectedFen }).toEqual({ in: server.cashInFen, out: server.cashOutFen, expected: server.expectedCashFen });
    expect([figures.cash.inCount, figures.cash.outCount]).toEqual([server.cashInCount, server.cashOutCount]);
  });

  it('prints the cash movement lines on the X/Z report', () => {
    const shift: CounterShift = {
      shiftId: 'sh', storeId: 'a', openedAt: '2026-11-25T01:00:00Z', openedBy: 'm', floatFen: 20000, status: 'open', closedAt: null, closedBy: null,
      counted: null, countedFen: null, expectedFen: null, provisional: false,
    };
    const figures = shiftFigures(shift, [sale({ totalFen: 6800, payments: [{ method: 'cash', amountFen: 6800, reference: null }] })], [], [
      { direction: 'in', amountFen: 10000 }, { direction: 'out', amountFen: 5000 },
    ]);
    const place = { locale: 'zh-CN' as const, timeZone: 'Asia/Shanghai', storeName: '静安店', terminalId: 'T1', cashierName: '王' };
    const doc = shiftReportDocument(shift, figures, place, '2026-11-25T09:00:00Z');
    const lines = doc.blocks.flatMap((b) => (b.type === 'columns' ? [b.columns.map((c) => c.text).join(' | ')] : []));
    expect(lines).toEqual(expect.arrayContaining(['备用金 | ￥200.00', '现金收入 | ￥68.00', '现金退款 | ￥0.00', '现金存入 (1) | ￥100.00', '现金取出 (1) | -￥50.00', '应有现金 | ￥318.00']));
  });

  it('counts a till by denomination and refuses odd counts', () => {
    expect(countedFen({ 10000: 2, 500: 3, 10: 4 })).toBe(21540);
    expect(countedFen({ 10000: -1 })).toBeNull();
    expect(countedFen({ 300: 1 })).toBeNull();
  });
});
