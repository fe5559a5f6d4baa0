import { describe, expect, it } from 'vitest';
import { countedCashFen } from '../../../../core/shift/cash-count';
import { computeShiftReport } from '../../../../core/shift/shift-report';

describe('shift figures', () => {
  it('counts cash per denomination and refuses odd counts', () => {
    expect(countedCashFen([{ denominationFen: 10000, count: 2 }, { denominationFen: 50, count: 3 }])).toEqual({ ok: true, value: 20150 });
    expect(countedCashFen([{ denominationFen: 300, count: 1 }])).toMatchObject({ ok: false, code: 'CASH_COUNT_INVALID' });
    expect(countedCashFen([{ denominationFen: 100, count: -1 }])).toMatchObject({ ok: false, code: 'CASH_COUNT_INVALID' });
    expect(countedCashFen([{ denominationFen: 100, count: 1 }, { denominationFen: 100, count: 1 }])).toMatchObject({ ok: false, code: 'CASH_COUNT_INVALID' });
  });

  it('sums sales by tender, vouchers by campaign, refunds, discounts and the expected cash', () => {
    const report = computeShiftReport({
      openingFloatFen: 50000,
      sales: [
        { grossFen: 7000, discountFen: 200, totalFen: 6800, tenders: [{ kind: 'voucher', amountFen: 5000, campaignId: 'c1' }, { kind: 'cash', amountFen: 1800, campaignId: null }], productVoucherCampaigns: [] },
        { grossFen: 6800, discountFen: 0, totalFen: 6800, tenders: [{ kind: 'wechat', amountFen: 6800, campaignId: null }], productVoucherCampaigns: ['c2'] },
      ],
      refunds: [{ amountFen: 1000, tenders: [{ kind: 'cash', amountFen: 1000 }] }],
      cashMoves: [{ direction: 'in', amountFen: 300 }, { direction: 'out', amountFen: 100 }],
    });
    expect(report).toMatchObject({
      saleCount: 2, grossFen: 13800, discountFen: 200, netSalesFen: 13600, refundFen: 1000, refundCount: 1,
      byTender: { cash: 1800, wechat: 6800, voucher: 5000, alipay: 0, card: 0, points: 0 },
      vouchersByCampaign: [{ campaignId: 'c1', count: 1, amountFen: 5000 }, { campaignId: 'c2', count: 1, amountFen: 0 }],
      cashInCount: 1, cashInFen: 300, cashOutCount: 1, cashOutFen: 100,
      expectedCashFen: 50000 + 1800 - 1000 + 300 - 100,
    });
  });
});
