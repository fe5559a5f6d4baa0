import { formatFen, type Fen } from '../../money';
import { cut, feed, leftRight, separator, text, title } from '../blocks';
import type { ReceiptBlock, ReceiptDocument } from '../document';
import type { PaymentMethod } from '../labels';
import { toolsFor, type ReceiptContext } from './context';

export interface ShiftReportData extends ReceiptContext {
  /** `X` for a shift hand-over, `Z` for the end of the business day. */
  kind: 'X' | 'Z';
  shiftId: string;
  /** The merchant-local business day, `YYYY-MM-DD`. */
  businessDay: string;
  openedAt: string;
  closedAt: string;
  salesCount: number;
  salesTotalFen: Fen;
  refundsCount: number;
  refundsTotalFen: Fen;
  redemptionsCount: number;
  offlineRedemptionsCount: number;
  payments: { method: PaymentMethod; count: number; amountFen: Fen }[];
  cashOpeningFen: Fen;
  /** Cash taken by sales and given back by refunds in this shift. */
  cashSalesFen: Fen;
  cashRefundsFen: Fen;
  /** Cash paid into and out of the till (现金存入/取出). */
  cashIn: { count: number; amountFen: Fen };
  cashOut: { count: number; amountFen: Fen };
  cashExpectedFen: Fen;
  cashCountedFen: Fen;
}

export function shiftReport(data: ShiftReportData): ReceiptDocument {
  const { l, time } = toolsFor(data);
  const blocks: ReceiptBlock[] = [title(data.kind === 'Z' ? l.zReport : l.shiftReport)];
  if (data.reprint) blocks.push(text(`** ${l.reprint} **`, { align: 'center', bold: true }));
  blocks.push(
    text(data.storeName, { align: 'center' }),
    separator('='),
    leftRight(l.businessDay, data.businessDay),
    leftRight(l.terminal, data.terminalId),
    leftRight(l.cashier, data.cashierName),
    leftRight(l.shiftOpened, time(data.openedAt)),
    leftRight(l.shiftClosed, time(data.closedAt)),
    separator('-'),
    leftRight(l.salesCount, String(data.salesCount)),
    leftRight(l.salesTotal, formatFen(data.salesTotalFen), true),
    leftRight(`${l.refunds} (${data.refundsCount})`, formatFen(-data.refundsTotalFen)),
    leftRight(l.redemptions, String(data.redemptionsCount)),
    leftRight(`  ${l.offlineRedemptions}`, String(data.offlineRedemptionsCount)),
    separator('-'),
    text(l.byPayment, { bold: true }),
  );
  for (const p of data.payments) blocks.push(leftRight(`${l.payment[p.method]} (${p.count})`, formatFen(p.amountFen)));
  const difference = data.cashCountedFen - data.cashExpectedFen;
  blocks.push(
    separator('-'),
    leftRight(l.cashOpening, formatFen(data.cashOpeningFen)),
    leftRight(l.cashSales, formatFen(data.cashSalesFen)),
    leftRight(l.cashRefunds, formatFen(-data.cashRefundsFen)),
    leftRight(`${l.cashIn} (${data.cashIn.count})`, formatFen(data.cashIn.amountFen)),
    leftRight(`${l.cashOut} (${data.cashOut.count})`, formatFen(-data.cashOut.amountFen)),
    leftRight(l.cashExpected, formatFen(data.cashExpectedFen)),
    leftRight(l.cashCounted, formatFen(data.cashCountedFen)),
    leftRight(l.cashDifference, formatFen(difference), difference !== 0),
    separator('='),
    text(data.shiftId, { align: 'center' }),
    feed(3),
    cut(),
  );
  return { blocks };
}
