import { maskCode } from '../../voucher-code';
import { cut, feed, leftRight, qr, separator, text, title } from '../blocks';
import type { ReceiptBlock, ReceiptDocument } from '../document';
import { toolsFor, type ReceiptContext } from './context';

export interface RedemptionSlipData extends ReceiptContext {
  redemptionId: string;
  /** The voucher code; only its last four digits are printed. */
  code: string;
  campaignTitle: string;
  count: number;
  remaining: number;
  /** ISO instant of the redemption (device time when offline). */
  at: string;
  mode: 'online' | 'offline';
  /** The redemption was reversed: the slip says so in large type, at the top and above the QR. */
  voided?: boolean;
}

/** 核销凭证: proof for the customer and the store that a voucher was redeemed here. */
export function redemptionSlip(data: RedemptionSlipData): ReceiptDocument {
  const { l, time } = toolsFor(data);
  const blocks: ReceiptBlock[] = [title(l.redemptionSlip)];
  if (data.reprint) blocks.push(text(`** ${l.reprint} **`, { align: 'center', bold: true }));
  const voidMark = text(`*** ${l.voided} ***`, { align: 'center', bold: true, width: 2, height: 2 });
  if (data.voided) blocks.push(voidMark);
  blocks.push(
    separator('='),
    text(`${l.campaign}  ${data.campaignTitle}`, { bold: true }),
    leftRight(l.voucherCode, maskCode(data.code)),
    leftRight(l.redeemedCount, String(data.count), true),
    // A reversal gave the uses back: the count left at the time would no longer be true.
    ...(data.voided ? [] : [leftRight(l.remaining, String(data.remaining))]),
    separator('-'),
    leftRight(l.store, data.storeName),
    leftRight(l.terminal, data.terminalId),
    leftRight(l.cashier, data.cashierName),
    leftRight(l.time, time(data.at)),
  );
  if (data.mode === 'offline' && !data.voided) blocks.push(text(l.offlinePending, { align: 'center', bold: true }));
  if (data.voided) blocks.push(voidMark);
  blocks.push(
    separator('-'),
    qr(data.redemptionId),
    text(l.redemptionId, { align: 'center' }),
    text(data.redemptionId, { align: 'center' }),
    text(l.customerCopy, { align: 'center' }),
    feed(3),
    cut(),
  );
  return { blocks };
}
