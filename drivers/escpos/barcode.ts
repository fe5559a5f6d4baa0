import type { BarcodeBlock } from '../../core/receipt/document';
import { GS } from './commands';

const SYMBOLOGY: Record<BarcodeBlock['symbology'], { m: number; pattern: RegExp }> = {
  UPCA: { m: 65, pattern: /^\d{11,12}$/ },
  EAN13: { m: 67, pattern: /^\d{12,13}$/ },
  EAN8: { m: 68, pattern: /^\d{7,8}$/ },
  CODE128: { m: 73, pattern: /^[\x20-\x7e]{1,60}$/ },
};

/** `GS k m n data` (function B) with height, module width and human-readable text below. */
export function barcode(block: BarcodeBlock): Buffer {
  const { m, pattern } = SYMBOLOGY[block.symbology];
  if (!pattern.test(block.data)) throw new RangeError(`not printable as ${block.symbology}: ${block.data}`);
  // CODE128 needs a code set: `{B` selects set B, which covers printable ASCII.
  const data = Buffer.from(block.symbology === 'CODE128' ? `{B${block.data.replace(/{/g, '{{')}` : block.data, 'latin1');
  return Buffer.concat([
    Buffer.from([GS, 0x68, block.heightDots, GS, 0x77, block.moduleWidth, GS, 0x48, block.showText ? 2 : 0]),
    Buffer.from([GS, 0x6b, m, data.length]),
    data,
  ]);
}
