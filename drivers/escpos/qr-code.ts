import QRCode from 'qrcode';
import { GS } from './commands';
import { rasterImage } from './raster';

export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

const ECC_BYTE: Record<QrErrorCorrection, number> = { L: 48, M: 49, Q: 50, H: 51 };

/**
 * Native `GS ( k` model 2 QR. The store-data length counts the payload's UTF-8 BYTES plus the
 * three function bytes: counting characters declares too little for non-ASCII data and the
 * printer swallows the rest of the job as QR data.
 */
export function nativeQr(data: string, moduleSize: number, ecc: QrErrorCorrection): Buffer {
  const payload = Buffer.from(data, 'utf8');
  const storeLength = payload.length + 3;
  if (storeLength > 0xffff) throw new RangeError('QR payload too long');
  return Buffer.concat([
    Buffer.from([GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0]),
    Buffer.from([GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, moduleSize]),
    Buffer.from([GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, ECC_BYTE[ecc]]),
    Buffer.from([GS, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 0x31, 0x50, 0x30]),
    payload,
    Buffer.from([GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30]),
  ]);
}

/** The QR drawn as a `GS v 0` raster, for printers without native QR; shrinks to fit the paper. */
export function rasterQr(data: string, moduleSize: number, ecc: QrErrorCorrection, maxDots: number): Buffer {
  const qr = QRCode.create(data, { errorCorrectionLevel: ecc });
  const modules = qr.modules.size + 8;
  const scale = Math.max(1, Math.min(moduleSize, Math.floor(maxDots / modules)));
  const width = modules * scale;
  const rowBytes = Math.ceil(width / 8);
  const bits = Buffer.alloc(rowBytes * width);
  for (let y = 0; y < width; y++) {
    const my = Math.floor(y / scale) - 4;
    for (let x = 0; x < width; x++) {
      const mx = Math.floor(x / scale) - 4;
      const inside = mx >= 0 && my >= 0 && mx < qr.modules.size && my < qr.modules.size;
      if (inside && qr.modules.get(my, mx)) bits[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return rasterImage(width, width, bits);
}
