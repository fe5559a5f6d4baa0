import { formatFen, type Fen } from '../../money';
import type { RedemptionTally } from '../../shift/redemption-tally';
import { cut, feed, leftRight, separator, text, title } from '../blocks';
import type { ReceiptBlock, ReceiptDocument } from '../document';
import type { PaymentMethod, ReceiptLabels } from '../labels';
import { toolsFor, type ReceiptContext } from './context';

/** An X report is printed while the shift is open and has no count; a Z report closes it with one. */
export type ShiftReportMoment = { kind: 'X'; printedAt: string } | { kind: 'Z'; closedAt: string; cashCountedFen: Fen };

export type ShiftReportData = ReceiptContext &
  ShiftReportMoment & {
    shiftId: string;
    /** The merchant-local business day, `YYYY-MM-DD`. */
    businessDay: string;
    openedAt: string;
    salesCount: number;
    salesTotalFen: Fen;
    refundsCount: number;
    refundsTotalFen: Fen;
    /** Every redemption made on this terminal during the shift, on 核销 or on a bill. */
    redemptions: RedemptionTally;
    payments: { method: PaymentMethod; count: number; amountFen: Fen }[];
    cashOpeningFen: Fen;
    /** Cash taken by sales and given back by refunds in this shift. */
    cashSalesFen: Fen;
    cashRefundsFen: Fen;
    /** Cash paid into and out of the till (现金存入/取出). */
    cashIn: { count: number; amountFen: Fen };
    cashOut: { count: number; amountFen: Fen };
    cashExpectedFen: Fen;
  };

function redemptionBlocks(l: ReceiptLabels, r: RedemptionTally): ReceiptBlock[] {
  const blocks = [
    leftRight(l.redemptions, String(r.redemptions)),
    leftRight(`  ${l.offlineRedemptions}`, String(r.offline)),
    leftRight(`  ${l.reversedRedemptions}`, String(r.reversed)),
  ];
  if (r.byCampaign.length > 0) blocks.push(text(l.redemptionsByCampaign, { bold: true }));
  for (const c of r.byCampaign) {
    blocks.push(leftRight(`  ${c.title}`, c.reversed > 0 ? `${c.redemptions} (${l.voided} ${c.reversed})` : String(c.redemptions)));
  }
  return blocks;
}

export function shiftReport(data: ShiftReportData): ReceiptDocument {
  const { l, time } = toolsFor(data);
  const blocks: ReceiptBlock[] = [title(data.kind === 'Z' ? l.zReport : l.xReport)];
  if (data.reprint) blocks.push(text(`** ${l.reprint} **`, { align: 'center', bold: true }));
  if (data.kind === 'X') blocks.push(text(l.midShiftNote, { align: 'center' }));
  blocks.push(
    text(data.storeName, { align: 'center' }),
    separator('='),
    leftRight(l.businessDay, data.businessDay),
    leftRight(l.terminal, data.terminalId),
    leftRight(l.cashier, data.cashierName),
    leftRight(l.shiftOpened, time(data.openedAt)),
    data.kind === 'Z' ? leftRight(l.shiftClosed, time(data.closedAt)) : leftRight(l.printedAt, time(data.printedAt)),
    separator('-'),
    leftRight(l.salesCount, String(data.salesCount)),
    leftRight(l.salesTotal, formatFen(data.salesTotalFen), true),
    leftRight(`${l.refunds} (${data.refundsCount})`, formatFen(-data.refundsTotalFen)),
    ...redemptionBlocks(l, data.redemptions),
    separator('-'),
    text(l.byPayment, { bold: true }),
  );
  for (const p of data.payments) blocks.push(leftRight(`${l.payment[p.method]} (${p.count})`, formatFen(p.amountFen)));
  blocks.push(
    separator('-'),
    leftRight(l.cashOpening, formatFen(data.cashOpeningFen)),
    leftRight(l.cashSales, formatFen(data.cashSalesFen)),
    leftRight(l.cashRefunds, formatFen(-data.cashRefundsFen)),
    leftRight(`${l.cashIn} (${data.cashIn.count})`, formatFen(data.cashIn.amountFen)),
    leftRight(`${l.cashOut} (${data.cashOut.count})`, formatFen(-data.cashOut.amountFen)),
    leftRight(l.cashExpected, formatFen(data.cashExpectedFen), data.kind === 'X'),
  );
  if (data.kind === 'Z') {
    const difference = data.cashCountedFen - data.cashExpectedFen;
    blocks.push(leftRight(l.cashCounted, formatFen(data.cashCountedFen)), leftRight(l.cashDifference, formatFen(difference), difference !== 0));
  }
  blocks.push(separator('='), text(data.shiftId, { align: 'center' }), feed(3), cut());
  return { blocks };
}
