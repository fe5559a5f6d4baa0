import { describe, expect, it } from 'vitest';
import { countedFen, shiftFigures } from '../../../../renderer/counter/shift-figures';
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
    expect(figures.cash).toEqual({ openingFen: 20000, salesFen: 1800, refundsFen: 300, expectedFen: 21500 });
  });

  it('counts a till by denomination and refuses odd counts', () => {
    expect(countedFen({ 10000: 2, 500: 3, 10: 4 })).toBe(21540);
    expect(countedFen({ 10000: -1 })).toBeNull();
    expect(countedFen({ 300: 1 })).toBeNull();
  });
});
