import { GS } from './commands';

/** `GS v 0`: a 1-bit image, `ceil(width / 8)` bytes per row, most significant bit leftmost. */
export function rasterImage(widthDots: number, heightDots: number, bits: Uint8Array): Buffer {
  const rowBytes = Math.ceil(widthDots / 8);
  if (bits.length !== rowBytes * heightDots) {
    throw new RangeError(`raster needs ${rowBytes * heightDots} bytes for ${widthDots}x${heightDots}, got ${bits.length}`);
  }
  const header = Buffer.from([GS, 0x76, 0x30, 0, rowBytes & 0xff, rowBytes >> 8, heightDots & 0xff, heightDots >> 8]);
  return Buffer.concat([header, bits]);
}
