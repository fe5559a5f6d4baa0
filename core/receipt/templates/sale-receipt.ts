import { formatFen, type Fen } from '../../money';
import { col, columns, cut, drawer, feed, leftRight, qr, separator, text, title } from '../blocks';
import type { ImageBlock, ReceiptBlock, ReceiptDocument } from '../document';
import type { PaymentMethod } from '../labels';
import { toolsFor, type ReceiptContext } from './context';

export interface SaleLine {
  name: string;
  quantity: number;
  totalFen: Fen;
}

export interface SaleReceiptData extends ReceiptContext {
  receiptNo: string;
  /** ISO instant of the sale. */
  at: string;
  lines: SaleLine[];
  subtotalFen: Fen;
  discounts: { label: string; amountFen: Fen }[];
  voucherTenders: { campaignTitle: string; codeMasked: string; amountFen: Fen }[];
  totalFen: Fen;
  payments: { method: PaymentMethod; amountFen: Fen }[];
  changeFen: Fen;
  /**
   * `pointsSpent` (paid as a tender) prints only when some were spent; the balance is after this
   * sale, so a reprint (which only knows today's balance) leaves it out.
   */
  member?: { phoneMasked: string; pointsSpent?: number; pointsEarned: number; pointsBalance?: number };
  logo?: ImageBlock;
  /** A link printed as QR under the footer (e-invoice, survey). */
  footerQr?: string;
  footerText?: string;
  openDrawer?: boolean;
}

export function saleReceipt(data: SaleReceiptData): ReceiptDocument {
  const { l, time } = toolsFor(data);
  const blocks: ReceiptBlock[] = [];
  if (data.logo) blocks.push(data.logo);
  blocks.push(title(data.storeName), text(l.saleReceipt, { align: 'center' }));
  if (data.reprint) blocks.push(text(`** ${l.reprint} **`, { align: 'center', bold: true }));
  blocks.push(
    separator('='),
    leftRight(l.receiptNo, data.receiptNo),
    leftRight(l.time, time(data.at)),
    leftRight(l.terminal, data.terminalId),
    leftRight(l.cashier, data.cashierName),
    separator('-'),
    columns([col(l.item, 'left'), col(l.qty, 'right', { width: 4 }), col(l.amount, 'right', { width: 10 })], true),
  );
  for (const line of data.lines) {
    blocks.push(
      columns([col(line.name), col(`x${line.quantity}`, 'right', { width: 4 }), col(formatFen(line.totalFen), 'right', { width: 10 })]),
    );
  }
  blocks.push(separator('-'), leftRight(l.subtotal, formatFen(data.subtotalFen)));
  for (const d of data.discounts) blocks.push(leftRight(`${l.discount} ${d.label}`, formatFen(-d.amountFen)));
  for (const v of data.voucherTenders) {
    blocks.push(leftRight(`${l.voucherTender} ${v.campaignTitle}`, formatFen(-v.amountFen)), text(`  ${v.codeMasked}`));
  }
  blocks.push(text(`${l.total}  ${formatFen(data.totalFen)}`, { align: 'right', bold: true, height: 2 }));
  for (const p of data.payments) blocks.push(leftRight(l.payment[p.method], formatFen(p.amountFen)));
  if (data.changeFen > 0) blocks.push(leftRight(l.change, formatFen(data.changeFen)));
  if (data.member) {
    blocks.push(
      separator('-'),
      leftRight(l.member, data.member.phoneMasked),
      ...(data.member.pointsSpent ? [leftRight(l.pointsSpent, String(-data.member.pointsSpent))] : []),
      leftRight(l.pointsEarned, String(data.member.pointsEarned)),
      ...(data.member.pointsBalance === undefined ? [] : [leftRight(l.pointsBalance, String(data.member.pointsBalance))]),
    );
  }
  blocks.push(separator('-'), text(data.footerText ?? l.thanks, { align: 'center' }));
  if (data.footerQr) blocks.push(qr(data.footerQr));
  blocks.push(feed(3), cut());
  if (data.openDrawer) blocks.push(drawer());
  return { blocks };
}
