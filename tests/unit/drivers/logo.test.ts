import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { PROFILE_58MM } from '../../../core/hardware/printer-profile';
import { encodeReceipt } from '../../../drivers/escpos/escpos-encoder';
import { logoFromPng } from '../../../drivers/escpos/logo';
import { decodeEscPos } from '../../support/escpos/escpos-decoder';

describe('logoFromPng', () => {
  it('turns a PNG into a 1-bit raster block the encoder prints with GS v 0', async () => {
    const png = await QRCode.toBuffer('hexiao', { margin: 1, scale: 4 });
    const block = await logoFromPng(png, PROFILE_58MM.dotsPerLine);
    expect(block).toMatchObject({ type: 'image', widthDots: 96, heightDots: 92 });
    const bits = Buffer.from(block.base64, 'base64');
    expect(bits.length).toBe(12 * 92);
    // The one-module white margin is 4 dots: the first rows are blank, the finder pattern is black.
    expect(bits.subarray(0, 12 * 4).every((b) => b === 0)).toBe(true);
    expect(bits[12 * 4]).toBe(0x0f);
    expect(decodeEscPos(encodeReceipt({ blocks: [block] }, PROFILE_58MM)).images).toEqual([{ widthDots: 96, heightDots: 92 }]);
  });

  it('refuses a logo wider than the paper', async () => {
    const png = await QRCode.toBuffer('hexiao', { margin: 1, scale: 30 });
    await expect(logoFromPng(png, 384)).rejects.toThrow(/paper holds 384/);
  });
});
