import type { ReceiptDocument } from '../../core/receipt/document';
import type { ReceiptLocale } from '../../core/receipt/labels';
import { kitchenTicket } from '../../core/receipt/templates/kitchen-ticket';
import { saleReceipt } from '../../core/receipt/templates/sale-receipt';
import { formatLocalDateTime } from '../../core/receipt/format-time';
import { shiftReport, type ShiftReportMoment } from '../../core/receipt/templates/shift-report';
import type { CounterMember, CounterShift, CounterSale } from '../db/counter-tables';
import { pointsSpentOn } from './member-points';
import type { ShiftFigures } from '../shift/shift-figures';

export interface ReceiptPlace {
  locale: ReceiptLocale;
  timeZone: string;
  storeName: string;
  terminalId: string;
  cashierName: string;
}

function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}

export function saleReceiptDocument(sale: CounterSale, place: ReceiptPlace, member: CounterMember | null, reprint = false): ReceiptDocument {
  const discounts = sale.discountFen > 0 ? [{ label: '', amountFen: sale.discountFen }] : [];
  return saleReceipt({
    ...place,
    reprint,
    receiptNo: sale.receiptNo,
    at: sale.createdAt,
    lines: sale.lines.map((l) => ({ name: l.name, quantity: l.quantity, totalFen: l.unitPriceFen * l.quantity })),
    subtotalFen: sale.subtotalFen,
    discounts,
    voucherTenders: sale.vouchers.filter((v) => v.kind === 'cash').map((v) => ({ campaignTitle: v.campaignTitle, codeMasked: v.codeMasked, amountFen: v.amountFen })),
    totalFen: sale.payments.reduce((s, p) => s + p.amountFen, 0),
    payments: sale.payments.map((p) => ({ method: p.method, amountFen: p.method === 'cash' ? p.amountFen + sale.changeFen : p.amountFen })),
    changeFen: sale.changeFen,
    ...(member
      ? { member: { phoneMasked: maskPhone(member.phone), pointsSpent: pointsSpentOn(sale.payments), pointsEarned: sale.pointsEarned, ...(reprint ? {} : { pointsBalance: member.points }) } }
      : {}),
    openDrawer: sale.payments.some((p) => p.method === 'cash'),
  });
}

export function kitchenTicketDocument(sale: CounterSale, place: ReceiptPlace): ReceiptDocument {
  return kitchenTicket({
    ...place,
    orderNo: sale.receiptNo,
    ...(sale.tableNo ? { table: sale.tableNo } : {}),
    at: sale.createdAt,
    items: sale.lines.map((l) => ({ name: l.name, quantity: l.quantity, ...(l.note ? { note: l.note } : {}) })),
    ...(sale.note ? { note: sale.note } : {}),
  });
}

/**
 * The shift's report as it stands: an open shift gets an X report (mid-shift, printed at `at`, no
 * count); a closed one its Z report with the count and close time it was closed with.
 */
export function shiftReportDocument(shift: CounterShift, figures: ShiftFigures, place: ReceiptPlace, at: string, reprint = false): ReceiptDocument {
  const moment: ShiftReportMoment =
    shift.status === 'closed' && shift.closedAt !== null && shift.countedFen !== null
      ? { kind: 'Z', closedAt: shift.closedAt, cashCountedFen: shift.countedFen }
      : { kind: 'X', printedAt: at };
  return shiftReport({
    ...place,
    ...moment,
    reprint,
    shiftId: shift.shiftId,
    businessDay: formatLocalDateTime(shift.openedAt, place.timeZone).slice(0, 10),
    openedAt: shift.openedAt,
    salesCount: figures.salesCount,
    salesTotalFen: figures.salesTotalFen,
    refundsCount: figures.refundsCount,
    refundsTotalFen: figures.refundsTotalFen,
    redemptions: figures.redemptions,
    payments: [
      ...figures.byTender.map((t) => ({ method: t.method, count: t.count, amountFen: t.amountFen })),
      ...figures.vouchersByCampaign.map((v) => ({ method: 'voucher' as const, count: v.count, amountFen: v.amountFen })),
    ],
    cashOpeningFen: figures.cash.openingFen,
    cashSalesFen: figures.cash.salesFen,
    cashRefundsFen: figures.cash.refundsFen,
    cashIn: { count: figures.cash.inCount, amountFen: figures.cash.inFen },
    cashOut: { count: figures.cash.outCount, amountFen: figures.cash.outFen },
    cashExpectedFen: figures.cash.expectedFen,
  });
}
