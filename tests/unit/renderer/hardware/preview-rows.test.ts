import { describe, expect, it } from 'vitest';
import { PROFILE_58MM, PROFILE_80MM } from '../../../../core/hardware/printer-profile';
import type { ReceiptDocument } from '../../../../core/receipt/document';
import type { ReceiptLocale } from '../../../../core/receipt/labels';
import { kitchenTicket } from '../../../../core/receipt/templates/kitchen-ticket';
import { redemptionSlip } from '../../../../core/receipt/templates/redemption-slip';
import { saleReceipt } from '../../../../core/receipt/templates/sale-receipt';
import { shiftReport } from '../../../../core/receipt/templates/shift-report';
import { textWidth } from '../../../../core/text-width';
import { encodeReceipt } from '../../../../drivers/escpos/escpos-encoder';
import { previewRows, previewText } from '../../../../renderer/hardware/receipt/preview-rows';
import { testPageDocument } from '../../../../renderer/hardware/test-page';
import { decodeEscPos, printedText } from '../../../support/escpos/escpos-decoder';
import { sampleKitchenTicket, sampleRedemptionSlip, sampleSaleReceipt, sampleShiftReport } from '../../../support/escpos/sample-receipts';

const documents = (locale: ReceiptLocale, columns: number): [string, ReceiptDocument][] => [
  ['redemption slip', redemptionSlip(sampleRedemptionSlip(locale))],
  ['sale receipt', saleReceipt(sampleSaleReceipt(locale))],
  ['shift report', shiftReport(sampleShiftReport(locale))],
  ['kitchen ticket', kitchenTicket(sampleKitchenTicket(locale))],
  ['test page', testPageDocument(locale, { storeName: '光明食堂（徐汇店）', timeZone: 'Asia/Shanghai' }, { widthMm: columns === 32 ? 58 : 80, columns }, new Date('2026-11-25T04:05:06Z'))],
];

describe('the on-screen receipt preview', () => {
  for (const profile of [PROFILE_58MM, PROFILE_80MM]) {
    for (const locale of ['zh-CN', 'en'] as const) {
      it(`shows exactly the lines the printer prints (${profile.id}, ${locale})`, () => {
        for (const [name, document] of documents(locale, profile.columns)) {
          const printed = printedText(decodeEscPos(encodeReceipt(document, profile)))
            .filter((line) => line !== '')
            .map((line) => line.trimEnd());
          const shown = previewText(previewRows(document, { columns: profile.columns, qrModuleSize: profile.qrModuleSize })).map((l) => l.trimEnd());
          expect(shown, name).toEqual(printed);
        }
      });
    }
  }

  it('gives a Hanzi two columns and never makes a line wider than the paper', () => {
    const rows = previewRows(redemptionSlip(sampleRedemptionSlip('zh-CN')), { columns: 32, qrModuleSize: 6 });
    for (const row of rows) {
      if (row.kind !== 'text') continue;
      const columns = row.glyphs.reduce((sum, g) => sum + g.cols, 0) * row.width;
      expect(columns).toBeLessThanOrEqual(32);
      expect(columns).toBe(textWidth(row.glyphs.map((g) => g.ch).join('')) * row.width);
    }
    const title = rows.find((r) => r.kind === 'text' && r.glyphs.some((g) => g.ch === '核'));
    expect(title).toMatchObject({ kind: 'text', width: 2, height: 2, bold: true });
    expect(rows.filter((r) => r.kind === 'text').flatMap((r) => (r.kind === 'text' ? r.glyphs : [])).find((g) => g.ch === '核')?.cols).toBe(2);
  });

  it('keeps the QR, the feed and the cut where the printer puts them, and drops the drawer kick', () => {
    const sale = previewRows(saleReceipt(sampleSaleReceipt('zh-CN')), { columns: 48, qrModuleSize: 6 });
    expect(sale.filter((r) => r.kind === 'qr')).toEqual([
      { kind: 'qr', data: 'https://fapiao.example.cn/i/S-20261125-0042', moduleSize: 6, errorCorrection: 'M', align: 'center' },
    ]);
    expect(sale.slice(-2).map((r) => r.kind)).toEqual(['feed', 'cut']);
  });
});
