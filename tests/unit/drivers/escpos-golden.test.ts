import { describe, expect, it } from 'vitest';
import { PROFILE_58MM, PROFILE_80MM, PrinterProfile } from '../../../core/hardware/printer-profile';
import type { ReceiptDocument } from '../../../core/receipt/document';
import { kitchenTicket } from '../../../core/receipt/templates/kitchen-ticket';
import { redemptionSlip } from '../../../core/receipt/templates/redemption-slip';
import { saleReceipt } from '../../../core/receipt/templates/sale-receipt';
import { shiftReport } from '../../../core/receipt/templates/shift-report';
import { encodeReceipt } from '../../../drivers/escpos/escpos-encoder';
import { decodeEscPos, printedText } from '../../support/escpos/escpos-decoder';
import { sampleKitchenTicket, sampleRedemptionSlip, sampleSaleReceipt, sampleShiftReport } from '../../support/escpos/sample-receipts';

const templates: Record<string, (locale: 'zh-CN' | 'en') => ReceiptDocument> = {
  'sale-receipt': (l) => saleReceipt(sampleSaleReceipt(l)),
  'redemption-slip': (l) => redemptionSlip(sampleRedemptionSlip(l)),
  'shift-report': (l) => shiftReport(sampleShiftReport(l)),
  'kitchen-ticket': (l) => kitchenTicket(sampleKitchenTicket(l)),
};

/** Hex, 32 bytes a line: a diff of a golden file points at the command that changed. */
const hexDump = (bytes: Buffer): string => (bytes.toString('hex').match(/.{1,64}/g) ?? []).join('\n') + '\n';

describe.each(Object.keys(templates))('%s', (name) => {
  describe.each([
    ['zh-CN', PROFILE_80MM],
    ['en', PROFILE_80MM],
    ['zh-CN', PROFILE_58MM],
    ['en', PROFILE_58MM],
  ] as const)('%s on %s', (locale, profile) => {
    const bytes = encodeReceipt(templates[name]!(locale), profile);
    const decoded = decodeEscPos(bytes);

    it('matches its golden bytes', async () => {
      await expect(hexDump(bytes)).toMatchFileSnapshot(`__golden__/${name}.${locale}.${profile.id}.hex`);
    });

    it('fits the paper, enters double-byte mode first and prints only GBK characters', () => {
      const tooWide = decoded.lines.filter((l) => l.width > profile.columns);
      expect(tooWide, printedText(decoded).join('\n')).toEqual([]);
      expect(decoded.kanjiOnCount).toBe(1);
      expect(decoded.kanjiModeBeforeText).toBe(true);
      expect(decoded.singleByteHighChars).toBe(0);
      expect(decoded.fourByteSequences).toBe(0);
      expect(decoded.cuts).toBe(1);
    });

    it('declares each QR length in UTF-8 bytes', () => {
      for (const qr of decoded.qrs) {
        expect(qr.declaredLength).toBe(Buffer.byteLength(qr.payload, 'utf8'));
        expect(qr.bytesUntilPrint).toBe(qr.declaredLength);
      }
    });
  });
});

describe('encoder details', () => {
  it('prints the redemption slip a cashier can read (zh-CN, 80 mm)', () => {
    const decoded = decodeEscPos(encodeReceipt(redemptionSlip(sampleRedemptionSlip('zh-CN')), PROFILE_80MM));
    const lines = printedText(decoded).map((l) => l.trim());
    expect(lines).toContain('核销凭证');
    expect(lines).toContain('活动  双人火锅套餐 ￥168 秒杀券');
    expect(lines).toContain(`券码${' '.repeat(30)}**** **** 9018`);
    expect(lines).toContain(`时间${' '.repeat(25)}2026-11-25 12:05:06`);
    expect(decoded.qrs).toEqual([
      expect.objectContaining({ payload: '0192f0c4-7a3e-7b21-9c55-3d2e8f6a1b40', declaredLength: 36, moduleSize: 6, errorCorrection: 49 }),
    ]);
  });

  it('counts the bytes, not the characters, of a non-ASCII QR payload', () => {
    const data = '核销-0192f0c4';
    const decoded = decodeEscPos(encodeReceipt({ blocks: [{ type: 'qr', data, errorCorrection: 'M', align: 'center' }] }, PROFILE_80MM));
    expect(decoded.qrs[0]).toMatchObject({ payload: data, declaredLength: 15, bytesUntilPrint: 15, printed: true });
  });

  it('draws the QR as a GS v 0 raster for printers without native QR, within the paper', () => {
    const profile = PrinterProfile.parse({ ...PROFILE_58MM, qr: 'raster' });
    const decoded = decodeEscPos(encodeReceipt(redemptionSlip(sampleRedemptionSlip('en')), profile));
    expect(decoded.qrs).toEqual([]);
    expect(decoded.images).toHaveLength(1);
    const image = decoded.images[0]!;
    expect(image.widthDots).toBeLessThanOrEqual(profile.dotsPerLine);
    expect(image.heightDots).toBeGreaterThan(100);
  });

  it('replaces characters outside GBK with ? and leaves FS & out for single-byte profiles', () => {
    const doc: ReceiptDocument = { blocks: [{ type: 'text', text: 'Ŧest ¥5 核销', align: 'left', width: 1, height: 1, bold: false }] };
    expect(printedText(decodeEscPos(encodeReceipt(doc, PROFILE_80MM)))).toEqual(['?est ￥5 核销']);
    const ascii = PrinterProfile.parse({ ...PROFILE_80MM, encoding: 'ascii', sendFsAmpersand: false });
    const decoded = decodeEscPos(encodeReceipt(doc, ascii));
    expect(printedText(decoded)).toEqual(['?est ?5 ??']);
    expect(decoded.kanjiOnCount).toBe(0);
  });

  it('encodes barcodes, images, feeds and the drawer kick', () => {
    const decoded = decodeEscPos(
      encodeReceipt(
        {
          blocks: [
            { type: 'barcode', symbology: 'EAN13', data: '6901234567892', heightDots: 80, moduleWidth: 2, showText: true, align: 'center' },
            { type: 'barcode', symbology: 'CODE128', data: 'S-{42}', heightDots: 60, moduleWidth: 2, showText: false, align: 'left' },
            { type: 'image', widthDots: 16, heightDots: 2, base64: Buffer.from([0xff, 0x00, 0x0f, 0xf0]).toString('base64'), align: 'center' },
            { type: 'feed', lines: 2 },
            { type: 'drawer', pin: 5 },
          ],
        },
        PROFILE_80MM,
      ),
    );
    expect(decoded.barcodes).toEqual([
      { type: 67, data: '6901234567892' },
      { type: 73, data: '{BS-{{42}' },
    ]);
    expect(decoded.images).toEqual([{ widthDots: 16, heightDots: 2 }]);
    expect(decoded.drawerKicks).toEqual([5]);
    expect(() =>
      encodeReceipt({ blocks: [{ type: 'barcode', symbology: 'EAN13', data: 'abc', heightDots: 80, moduleWidth: 2, showText: true, align: 'center' }] }, PROFILE_80MM),
    ).toThrow(RangeError);
  });
});
