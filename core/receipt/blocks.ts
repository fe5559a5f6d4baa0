import type { Align, Column, ReceiptBlock } from './document';
import { fitWidth } from './layout';

/** Small constructors so templates read like the receipt they build. */

export interface TextOptions {
  align?: Align;
  bold?: boolean;
  width?: 1 | 2;
  height?: 1 | 2;
}

export function text(value: string, options: TextOptions = {}): ReceiptBlock {
  return {
    type: 'text',
    text: value,
    align: options.align ?? 'left',
    bold: options.bold ?? false,
    width: options.width ?? 1,
    height: options.height ?? 1,
  };
}

export function title(value: string): ReceiptBlock {
  return text(value, { align: 'center', bold: true, width: 2, height: 2 });
}

export function col(value: string, align: Align = 'left', sizing: { weight?: number; width?: number } = {}): Column {
  return { text: value, align, weight: sizing.weight ?? 1, width: sizing.width };
}

export function columns(cols: Column[], bold = false): ReceiptBlock {
  return { type: 'columns', columns: cols, bold };
}

/** A label on the left, a value flush right; the label wraps when both do not fit. */
export function leftRight(label: string, value: string, bold = false): ReceiptBlock {
  return columns([col(label, 'left'), col(value, 'right', { width: fitWidth(value) })], bold);
}

export function separator(char: '-' | '=' | '.' | '*' | ' ' = '-'): ReceiptBlock {
  return { type: 'separator', char };
}

export function qr(data: string, align: Align = 'center'): ReceiptBlock {
  return { type: 'qr', data, errorCorrection: 'M', align };
}

export function feed(lines = 1): ReceiptBlock {
  return { type: 'feed', lines };
}

export function cut(): ReceiptBlock {
  return { type: 'cut', partial: false };
}

export function drawer(): ReceiptBlock {
  return { type: 'drawer', pin: 2 };
}
