import { describe, expect, it } from 'vitest';
import type { ReceiptBlock } from '../../../../core/receipt/document';
import { ReceiptDocument } from '../../../../core/receipt/document';
import { formatLocalDateTime } from '../../../../core/receipt/format-time';
import { kitchenTicket } from '../../../../core/receipt/templates/kitchen-ticket';
import { redemptionSlip } from '../../../../core/receipt/templates/redemption-slip';
import { saleReceipt } from '../../../../core/receipt/templates/sale-receipt';
import { shiftReport } from '../../../../core/receipt/templates/shift-report';
import { sampleKitchenTicket, sampleRedemptionSlip, sampleSaleReceipt, sampleShiftReport } from '../../../support/escpos/sample-receipts';

const texts = (blocks: ReceiptBlock[]): string =>
  blocks
    .map((b) => (b.type === 'text' ? b.text : b.type === 'columns' ? b.columns.map((c) => c.text).join(' | ') : b.type === 'qr' ? `[QR ${b.data}]` : ''))
    .join('\n');

describe('receipt templates', () => {
  it('formats instants in the merchant time zone', () => {
    expect(formatLocalDateTime('2026-11-25T16:30:00Z', 'Asia/Shanghai')).toBe('2026-11-26 00:30:00');
    expect(formatLocalDateTime('2026-11-25T16:30:00Z', 'Europe/London')).toBe('2026-11-25 16:30:00');
  });

  it('redemption slip: masked code, campaign, counts, store, terminal, cashier, local time, QR of the id', () => {
    const data = sampleRedemptionSlip('zh-CN');
    const doc = redemptionSlip(data);
    const all = texts(doc.blocks);
    expect(all).toContain('核销凭证');
    expect(all).toContain('券码 | **** **** 9018');
    expect(all).not.toContain(data.code);
    expect(all).toContain('核销次数 | 1');
    expect(all).toContain('剩余次数 | 2');
    expect(all).toContain('门店 | 光明食堂（徐汇店）');
    expect(all).toContain('时间 | 2026-11-25 12:05:06');
    expect(all).toContain(`[QR ${data.redemptionId}]`);
    expect(all).not.toContain('离线');
    expect(texts(redemptionSlip({ ...data, mode: 'offline' }).blocks)).toContain('离线核销，待同步确认');
    expect(texts(redemptionSlip({ ...sampleRedemptionSlip('en'), reprint: true }).blocks)).toContain('** REPRINT **');
  });

  it('every template yields a document the bridge schema accepts, in both locales', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const doc of [
        saleReceipt(sampleSaleReceipt(locale)),
        redemptionSlip(sampleRedemptionSlip(locale)),
        shiftReport(sampleShiftReport(locale)),
        kitchenTicket(sampleKitchenTicket(locale)),
      ]) {
        expect(ReceiptDocument.parse(doc)).toEqual(doc);
      }
    }
  });

  it('sale receipt: money via formatFen, discounts and vouchers negative, drawer kick after the cut', () => {
    const doc = saleReceipt(sampleSaleReceipt('en'));
    const all = texts(doc.blocks);
    expect(all).toContain('TOTAL  ￥103.90');
    expect(all).toContain('Discount member 5% | -￥8.10');
    expect(all).toContain('Change | ￥1.10');
    expect(doc.blocks.slice(-2).map((b) => b.type)).toEqual(['cut', 'drawer']);
  });

  it('shift report: the cash difference is counted minus expected', () => {
    expect(texts(shiftReport(sampleShiftReport('zh-CN')).blocks)).toContain('差额 | -￥1.00');
    expect(texts(shiftReport(sampleShiftReport('en')).blocks)).toContain('Z REPORT');
  });
});
