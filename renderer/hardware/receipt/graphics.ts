import QRCode from 'qrcode';

/** Bars of a 1D barcode, one boolean per module; empty when the data does not fit the symbology. */
export { barcodeModules } from '../../../core/receipt/barcode-modules';

/** Dark modules of a QR code, row by row: the same matrix the raster fallback prints. */
export function qrModules(data: string, errorCorrection: 'L' | 'M' | 'Q' | 'H'): boolean[][] {
  const { modules } = QRCode.create(data, { errorCorrectionLevel: errorCorrection });
  return Array.from({ length: modules.size }, (_, y) => Array.from({ length: modules.size }, (_, x) => Boolean(modules.get(y, x))));
}

/** A 1-bit raster (rows of ceil(width/8) bytes, MSB left, 1 = black) as a PNG data URL. */
export function rasterDataUrl(widthDots: number, heightDots: number, base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const canvas = document.createElement('canvas');
  canvas.width = widthDots;
  canvas.height = heightDots;
  const context = canvas.getContext('2d');
  if (!context) return '';
  const image = context.createImageData(widthDots, heightDots);
  const rowBytes = Math.ceil(widthDots / 8);
  for (let y = 0; y < heightDots; y++) {
    for (let x = 0; x < widthDots; x++) {
      const black = ((bytes[y * rowBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
      const at = (y * widthDots + x) * 4;
      image.data.set(black ? [0, 0, 0, 255] : [255, 255, 255, 0], at);
    }
  }
  context.putImageData(image, 0, 0);
  return canvas.toDataURL('image/png');
}
