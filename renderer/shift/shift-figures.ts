import { expectedCashFen } from '../../core/shift/cash-move';
import { tallyRedemptions, type RedemptionTally, type ShiftRedemptionFact } from '../../core/shift/redemption-tally';
import type { CounterCashMove } from '../db/cash-move-table';
import type { CashCount, CounterRefund, CounterSale, CounterShift, TenderMethod } from '../db/counter-tables';

export const TENDER_METHODS: readonly TenderMethod[] = ['cash', 'wechat', 'alipay', 'card', 'points'];

/** Notes and coins in a Chinese till, in fen. */
export const DENOMINATIONS_FEN: readonly number[] = [10000, 5000, 2000, 1000, 500, 100, 50, 10];

export interface ShiftFigures {
  salesCount: number;
  salesTotalFen: number;
  byTender: { method: TenderMethod; count: number; amountFen: number }[];
  vouchersByCampaign: { campaignId: string; title: string; count: number; amountFen: number }[];
  refundsCount: number;
  refundsTotalFen: number;
  discountsFen: number;
  /** Every redemption of the shift on this terminal (核销 and bills), by campaign. */
  redemptions: RedemptionTally;
  cash: {
    openingFen: number;
    salesFen: number;
    refundsFen: number;
    inCount: number;
    inFen: number;
    outCount: number;
    outFen: number;
    expectedFen: number;
  };
}

/**
 * X/Z report figures from a shift's own sales, refunds and cash moves: sales are what tenders took
 * (vouchers apart), refunds are new entries that take cash back out of the till, and cash paid in or
 * out moves the till as the server's report (core/shift/shift-report.ts) counts it.
 */
export function shiftFigures(
  shift: Pick<CounterShift, 'floatFen'>,
  sales: readonly CounterSale[],
  refunds: readonly CounterRefund[],
  moves: readonly Pick<CounterCashMove, 'direction' | 'amountFen'>[] = [],
  redemptions: readonly ShiftRedemptionFact[] = [],
): ShiftFigures {
  const tenders = new Map<TenderMethod, { count: number; amountFen: number }>();
  const campaigns = new Map<string, { campaignId: string; title: string; count: number; amountFen: number }>();
  let discountsFen = 0;
  for (const sale of sales) {
    discountsFen += sale.discountFen;
    for (const p of sale.payments) {
      const t = tenders.get(p.method) ?? { count: 0, amountFen: 0 };
      tenders.set(p.method, { count: t.count + 1, amountFen: t.amountFen + p.amountFen });
    }
    for (const v of sale.vouchers) {
      const c = campaigns.get(v.campaignId) ?? { campaignId: v.campaignId, title: v.campaignTitle, count: 0, amountFen: 0 };
      campaigns.set(v.campaignId, { ...c, count: c.count + 1, amountFen: c.amountFen + v.amountFen });
    }
  }
  const refundCash = refunds.flatMap((r) => r.tenders).filter((t) => t.kind === 'cash').reduce((s, t) => s + t.amountFen, 0);
  const cashSales = tenders.get('cash')?.amountFen ?? 0;
  const ins = moves.filter((m) => m.direction === 'in');
  const outs = moves.filter((m) => m.direction === 'out');
  const till = {
    openingFloatFen: shift.floatFen, cashSalesFen: cashSales, cashRefundsFen: refundCash,
    cashInFen: ins.reduce((s, m) => s + m.amountFen, 0), cashOutFen: outs.reduce((s, m) => s + m.amountFen, 0),
  };
  return {
    salesCount: sales.length,
    salesTotalFen: sales.reduce((s, x) => s + x.totalFen, 0),
    byTender: TENDER_METHODS.flatMap((method) => {
      const t = tenders.get(method);
      return t ? [{ method, ...t }] : [];
    }),
    vouchersByCampaign: [...campaigns.values()].sort((a, b) => a.title.localeCompare(b.title)),
    refundsCount: refunds.length,
    refundsTotalFen: refunds.reduce((s, r) => s + r.amountFen, 0),
    discountsFen,
    redemptions: tallyRedemptions(redemptions),
    cash: {
      openingFen: shift.floatFen, salesFen: cashSales, refundsFen: refundCash,
      inCount: ins.length, inFen: till.cashInFen, outCount: outs.length, outFen: till.cashOutFen, expectedFen: expectedCashFen(till),
    },
  };
}

export type CashCountError = 'CASH_COUNT_INVALID';

/** The till's content in fen from a count per denomination; null when a count is not a whole number ≥ 0. */
export function countedFen(count: CashCount): number | null {
  let total = 0;
  for (const [denomination, pieces] of Object.entries(count)) {
    const fen = Number(denomination);
    if (!DENOMINATIONS_FEN.includes(fen) || !Number.isSafeInteger(pieces) || pieces < 0) return null;
    total += fen * pieces;
  }
  return total;
}
