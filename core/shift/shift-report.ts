import type { Fen } from '../money';
import { TENDER_KINDS, type TenderKind } from '../sale/tender';
import { expectedCashFen } from './cash-move';

/** What a shift's report is computed from; the terminal and the server each build it from their rows. */
export interface ShiftFacts {
  openingFloatFen: Fen;
  sales: readonly {
    grossFen: Fen;
    discountFen: Fen;
    totalFen: Fen;
    tenders: readonly { kind: TenderKind; amountFen: Fen; campaignId: string | null }[];
    /** Campaigns of `product` vouchers redeemed as lines of the sale. */
    productVoucherCampaigns: readonly string[];
  }[];
  refunds: readonly { amountFen: Fen; tenders: readonly { kind: TenderKind; amountFen: Fen }[] }[];
  cashMoves: readonly { direction: 'in' | 'out'; amountFen: Fen }[];
}

export interface ShiftReport {
  saleCount: number;
  grossFen: Fen;
  discountFen: Fen;
  netSalesFen: Fen;
  byTender: Record<TenderKind, Fen>;
  vouchersByCampaign: { campaignId: string; count: number; amountFen: Fen }[];
  refundCount: number;
  refundFen: Fen;
  refundsByTender: Record<TenderKind, Fen>;
  cashInCount: number;
  cashInFen: Fen;
  cashOutCount: number;
  cashOutFen: Fen;
  /** Float + cash taken − cash refunded + paid in − paid out. */
  expectedCashFen: Fen;
}

const zeroByTender = (): Record<TenderKind, Fen> => Object.fromEntries(TENDER_KINDS.map((k) => [k, 0])) as Record<TenderKind, Fen>;

/** The X report (mid-shift) and the Z report (at close) are the same figures at different moments. */
export function computeShiftReport(facts: ShiftFacts): ShiftReport {
  const byTender = zeroByTender();
  const refundsByTender = zeroByTender();
  const campaigns = new Map<string, { count: number; amountFen: Fen }>();
  const addCampaign = (id: string, amountFen: Fen) => {
    const c = campaigns.get(id) ?? { count: 0, amountFen: 0 };
    campaigns.set(id, { count: c.count + 1, amountFen: c.amountFen + amountFen });
  };
  let grossFen = 0;
  let discountFen = 0;
  let netSalesFen = 0;
  for (const sale of facts.sales) {
    grossFen += sale.grossFen;
    discountFen += sale.discountFen;
    netSalesFen += sale.totalFen;
    for (const t of sale.tenders) {
      byTender[t.kind] += t.amountFen;
      if (t.kind === 'voucher' && t.campaignId !== null) addCampaign(t.campaignId, t.amountFen);
    }
    for (const id of sale.productVoucherCampaigns) addCampaign(id, 0);
  }
  let refundFen = 0;
  for (const r of facts.refunds) {
    refundFen += r.amountFen;
    for (const t of r.tenders) refundsByTender[t.kind] += t.amountFen;
  }
  const ins = facts.cashMoves.filter((m) => m.direction === 'in');
  const outs = facts.cashMoves.filter((m) => m.direction === 'out');
  const cashInFen = ins.reduce((s, m) => s + m.amountFen, 0);
  const cashOutFen = outs.reduce((s, m) => s + m.amountFen, 0);
  return {
    saleCount: facts.sales.length,
    grossFen,
    discountFen,
    netSalesFen,
    byTender,
    vouchersByCampaign: [...campaigns].map(([campaignId, c]) => ({ campaignId, ...c })).sort((a, b) => a.campaignId.localeCompare(b.campaignId)),
    refundCount: facts.refunds.length,
    refundFen,
    refundsByTender,
    cashInCount: ins.length,
    cashInFen,
    cashOutCount: outs.length,
    cashOutFen,
    expectedCashFen: expectedCashFen({ openingFloatFen: facts.openingFloatFen, cashSalesFen: byTender.cash, cashRefundsFen: refundsByTender.cash, cashInFen, cashOutFen }),
  };
}
