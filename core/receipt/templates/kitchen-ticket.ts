import { col, columns, cut, feed, leftRight, separator, text, title } from '../blocks';
import type { ReceiptBlock, ReceiptDocument } from '../document';
import { toolsFor, type ReceiptContext } from './context';

export interface KitchenTicketData extends ReceiptContext {
  orderNo: string;
  table?: string;
  at: string;
  items: { name: string; quantity: number; note?: string }[];
  note?: string;
}

/** Large print for a busy kitchen: dish names and counts in double height. */
export function kitchenTicket(data: KitchenTicketData): ReceiptDocument {
  const { l, time } = toolsFor(data);
  const blocks: ReceiptBlock[] = [title(l.kitchenTicket)];
  if (data.reprint) blocks.push(text(`** ${l.reprint} **`, { align: 'center', bold: true }));
  blocks.push(text(`${l.order} ${data.orderNo}`, { align: 'center', bold: true, width: 2, height: 2 }));
  if (data.table) blocks.push(text(`${l.table} ${data.table}`, { align: 'center', width: 2, height: 2 }));
  blocks.push(leftRight(l.time, time(data.at)), separator('='));
  for (const item of data.items) {
    blocks.push(text(`${item.name}  x${item.quantity}`, { bold: true, height: 2 }));
    if (item.note) blocks.push(text(`  ${l.note}: ${item.note}`));
  }
  blocks.push(separator('='));
  if (data.note) blocks.push(columns([col(l.note, 'left', { width: 6 }), col(data.note)]));
  blocks.push(text(`${data.storeName} ${data.terminalId}/${data.cashierName}`), feed(3), cut());
  return { blocks };
}
