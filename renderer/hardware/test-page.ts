import { col, columns, cut, feed, leftRight, qr, separator, text, title } from '../../core/receipt/blocks';
import type { ReceiptDocument } from '../../core/receipt/document';
import { formatLocalDateTime } from '../../core/receipt/format-time';
import type { ReceiptLocale } from '../../core/receipt/labels';

const WORDS = {
  'zh-CN': {
    title: '打印测试',
    store: '门店',
    time: '时间',
    paper: '纸宽',
    paperValue: (mm: number, cols: number) => `${mm}mm / ${cols}列`,
    ruler: '列宽标尺',
    hanzi: '中文：核销凭证、会员积分，全角标点。',
    item: '商品',
    amount: '金额',
    sample: '双人火锅套餐',
    end: '看到完整的二维码和切纸，说明打印机设置正确',
  },
  en: {
    title: 'PRINT TEST',
    store: 'Store',
    time: 'Time',
    paper: 'Paper',
    paperValue: (mm: number, cols: number) => `${mm}mm / ${cols} cols`,
    ruler: 'Column ruler',
    hanzi: 'Chinese: 核销凭证，会员积分。',
    item: 'Item',
    amount: 'Amount',
    sample: 'Hotpot for two',
    end: 'A whole QR code and a clean cut mean the printer is set up right',
  },
} as const;

/** A page that shows at a glance whether columns, Chinese, QR and the cutter work. */
export function testPageDocument(locale: ReceiptLocale, place: { storeName: string; timeZone: string }, paper: { widthMm: number; columns: number }, at: Date): ReceiptDocument {
  const w = WORDS[locale];
  const ruler = Array.from({ length: paper.columns }, (_, i) => String((i + 1) % 10)).join('');
  return {
    blocks: [
      title(w.title),
      separator('='),
      leftRight(w.store, place.storeName),
      leftRight(w.time, formatLocalDateTime(at, place.timeZone)),
      leftRight(w.paper, w.paperValue(paper.widthMm, paper.columns)),
      text(w.ruler),
      text(ruler),
      text(w.hanzi),
      separator('-'),
      columns([col(w.item), col(w.amount, 'right', { width: 10 })], true),
      columns([col(w.sample), col('￥168.00', 'right', { width: 10 })]),
      separator('-'),
      qr('HEXIAO-PRINT-TEST'),
      text(w.end, { align: 'center' }),
      feed(3),
      cut(),
    ],
  };
}
