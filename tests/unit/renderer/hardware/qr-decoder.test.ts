import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { generateQrSigningKey, signVoucherQr } from '../../../../core/voucher-qr';
import { generateVoucherCode } from '../../../../core/voucher-code';

const bytes = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

/** A clean camera frame: `text` as a QR code, dark on white, in the middle of 640 × 480 (RGBA). */
function frame(text: string): { data: Uint8ClampedArray; width: number; height: number; colorSpace: 'srgb' } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const [width, height, scale, quiet] = [640, 480, 7, 4];
  const n = qr.modules.size;
  const side = (n + 2 * quiet) * scale;
  const [x0, y0] = [Math.floor((width - side) / 2), Math.floor((height - side) / 2)];
  const data = new Uint8ClampedArray(width * height * 4).fill(235);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const [mx, my] = [Math.floor(x / scale) - quiet, Math.floor(y / scale) - quiet];
      const dark = mx >= 0 && my >= 0 && mx < n && my < n && qr.modules.get(my, mx);
      const p = ((y0 + y) * width + x0 + x) * 4;
      data.fill(dark ? 16 : 235, p, p + 3);
    }
  }
  return { data, width, height, colorSpace: 'srgb' };
}

beforeAll(async () => {
  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  await prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) }, fireImmediately: true });
});

describe('the camera QR decoder (zxing-wasm, as renderer/hardware/camera-reader.ts uses it)', () => {
  // @zxing/library 0.21.3's detector missed about one in six of these clean frames (version 8
  // symbols): 40 of them all read by that library would happen about once in a thousand runs.
  it('reads every signed voucher token from a clean frame', async () => {
    const { signingKey } = generateQrSigningKey('k-test', bytes);
    const misses: string[] = [];
    for (let i = 0; i < 40; i++) {
      const token = signVoucherQr({ voucherId: `v_${i}_${randomBytes(4).toString('hex')}`, merchantId: 'm_demo', code: generateVoucherCode(bytes), expiresAt: 1_900_000_000 + i, uses: 2 }, signingKey);
      if (!token.ok) throw new Error(token.message);
      const found = await readBarcodes(frame(token.value) as unknown as ImageData, { formats: ['QRCode'], maxNumberOfSymbols: 1, tryHarder: true });
      if (found[0]?.text !== token.value) misses.push(token.value);
    }
    expect(misses).toEqual([]);
  });
});
