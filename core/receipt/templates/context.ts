import { formatLocalDateTime } from '../format-time';
import { receiptLabels, type ReceiptLabels, type ReceiptLocale } from '../labels';

/** Who and where a slip comes from: every template prints it. */
export interface ReceiptContext {
  locale: ReceiptLocale;
  /** The merchant's IANA time zone, e.g. Asia/Shanghai. */
  timeZone: string;
  storeName: string;
  terminalId: string;
  cashierName: string;
  /** Prints a reprint mark under the title. */
  reprint?: boolean;
}

export interface TemplateTools {
  l: ReceiptLabels;
  time: (instant: string) => string;
}

export function toolsFor(ctx: ReceiptContext): TemplateTools {
  return { l: receiptLabels(ctx.locale), time: (instant) => formatLocalDateTime(instant, ctx.timeZone) };
}
