import ntp from 'node-thermal-printer';
import type { ImageBlock } from '../../core/receipt/document';

/**
 * A PNG logo → a 1-bit raster block. node-thermal-printer's PNG conversion is right (alpha-aware,
 * luminance threshold, `GS v 0` rows), so it does this one job; its output is unpacked back into
 * a document block that our encoder places and aligns.
 */
export async function logoFromPng(png: Buffer, maxWidthDots = 576): Promise<ImageBlock> {
  // The interface is never opened: the library only builds bytes here.
  const builder = new ntp.printer({ type: ntp.types.EPSON, interface: 'tcp://127.0.0.1:9' });
  await builder.printImageBuffer(png);
  const bytes = builder.getBuffer();
  const at = bytes.indexOf(Buffer.from([0x1d, 0x76, 0x30]));
  if (at < 0) throw new RangeError('the PNG could not be converted to a raster');
  const rowBytes = bytes[at + 4]! + bytes[at + 5]! * 256;
  const heightDots = bytes[at + 6]! + bytes[at + 7]! * 256;
  const data = bytes.subarray(at + 8, at + 8 + rowBytes * heightDots);
  if (rowBytes * 8 > maxWidthDots) throw new RangeError(`logo is ${rowBytes * 8} dots wide; the paper holds ${maxWidthDots}`);
  return { type: 'image', widthDots: rowBytes * 8, heightDots, base64: Buffer.from(data).toString('base64'), align: 'center' };
}
