import { BinaryBitmap, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } from '@zxing/library';
import { describe, expect, it } from 'vitest';
import { barcodeModules, qrModules } from '../../../../renderer/hardware/receipt/graphics';

// The receipt preview used @zxing/library's MultiFormatWriter for barcodes; 0.21.3 (the newest whose
// engines accept Node 20.19) writes QR codes only, so every barcode came out blank. The bars are now
// drawn by core/receipt/barcode-modules.ts: checked here against the EAN-13 standard, and read back
// with @zxing/library 0.21.3's reader (which it does have).

/** EAN-13 by the book: left half in L/G codes chosen by the first digit, right half in R codes. */
function ean13ByHand(digits: string): boolean[] {
  const L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
  const G = L.map((code) => [...code].map((b) => (b === '1' ? '0' : '1')).reverse().join(''));
  const R = L.map((code) => [...code].map((b) => (b === '1' ? '0' : '1')).join(''));
  const PARITY = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'];
  const d = [...digits].map(Number);
  const parity = PARITY[d[0]!]!;
  const left = d.slice(1, 7).map((n, i) => (parity[i] === 'L' ? L[n]! : G[n]!)).join('');
  const right = d.slice(7).map((n) => R[n]!).join('');
  return [...`101${left}01010${right}101`].map((b) => b === '1');
}

/** Draws modules as an image (4 px per module, quiet zones) and reads it with zxing's reader. */
function readBack(modules: boolean[]): string {
  const scale = 4;
  const quiet = 12;
  const width = (modules.length + 2 * quiet) * scale;
  const height = 40;
  const pixels = new Int32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const module = Math.floor(x / scale) - quiet;
      pixels[y * width + x] = modules[module] ? 0x000000 : 0xffffff;
    }
  }
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(pixels, width, height)));
  return new MultiFormatReader().decode(bitmap).getText();
}

describe('receipt preview graphics', () => {
  it('draws an EAN-13 bar for bar as the standard encodes it, and it reads back', () => {
    const modules = barcodeModules('EAN13', '6901234567892');
    expect(modules).toHaveLength(95);
    expect(modules).toEqual(ean13ByHand('6901234567892'));
    expect(readBack(modules)).toBe('6901234567892');
    // Twelve digits: the check digit is added, as the printer does.
    expect(barcodeModules('EAN13', '690123456789')).toEqual(modules);
  });

  it('draws EAN-8, UPC-A and Code 128 that read back as the same data', () => {
    expect(readBack(barcodeModules('EAN8', '96385074'))).toBe('96385074');
    expect(readBack(barcodeModules('UPCA', '036000291452'))).toBe('036000291452');
    expect(readBack(barcodeModules('UPCA', '03600029145'))).toBe('036000291452');
    expect(readBack(barcodeModules('CODE128', 'HX-2026-0001'))).toBe('HX-2026-0001');
  });

  it('draws nothing for data the symbology cannot hold or a symbology it does not know', () => {
    expect(barcodeModules('EAN13', '690123456789X')).toEqual([]);
    expect(barcodeModules('EAN13', '6901234567893')).toEqual([]);
    expect(barcodeModules('ITF', '12345678')).toEqual([]);
  });

  it('gives the QR matrix with its finder patterns', () => {
    const matrix = qrModules('HX:123456789018', 'M');
    expect(matrix).toHaveLength(21);
    expect(matrix.every((row) => row.length === 21)).toBe(true);
    const finder = [0, 1, 2, 3, 4, 5, 6].map((x) => matrix[0]![x]);
    expect(finder).toEqual([true, true, true, true, true, true, true]);
    expect(matrix[1]!.slice(0, 7)).toEqual([true, false, false, false, false, false, true]);
  });
});
