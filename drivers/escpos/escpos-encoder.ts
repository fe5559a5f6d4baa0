import type { PrinterProfile } from '../../core/hardware/printer-profile';
import type { ReceiptBlock, ReceiptDocument, TextBlock } from '../../core/receipt/document';
import { layoutColumns, layoutSeparator, layoutText } from '../../core/receipt/layout';
import { barcode } from './barcode';
import { ALIGN, INIT, KANJI_OFF, KANJI_ON, LF, bold, characterSize, cutPaper, drawerKick, feedLines } from './commands';
import { nativeQr, rasterQr } from './qr-code';
import { rasterImage } from './raster';
import { encodeText, printableText } from './text-encoding';

/** Receipt document + printer profile → the bytes of one print job. Throws RangeError on a bad document. */
export function encodeReceipt(document: ReceiptDocument, profile: PrinterProfile): Buffer {
  const out = new ByteWriter();
  out.push(INIT);
  const doubleByte = profile.encoding === 'gb18030' && profile.sendFsAmpersand;
  if (doubleByte) out.push(KANJI_ON);
  const style = { bold: false, width: 1 as 1 | 2, height: 1 as 1 | 2 };
  const setStyle = (b: boolean, width: 1 | 2, height: 1 | 2): void => {
    if (b !== style.bold) out.push(bold(b));
    if (width !== style.width || height !== style.height) out.push(characterSize(width, height));
    Object.assign(style, { bold: b, width, height });
  };
  const writeLines = (lines: readonly string[]): void => {
    for (const line of lines) {
      out.append(encodeText(line, profile.encoding));
      out.push([LF]);
    }
  };
  const printable = (text: string): string => printableText(text, profile.encoding);

  for (const block of document.blocks) {
    switch (block.type) {
      case 'text': {
        setStyle(block.bold, block.width, block.height);
        writeLines(layoutText({ ...block, text: printable(block.text) } satisfies TextBlock, profile.columns));
        break;
      }
      case 'columns': {
        setStyle(block.bold, 1, 1);
        const columns = block.columns.map((c) => ({ ...c, text: printable(c.text) }));
        writeLines(layoutColumns({ ...block, columns }, profile.columns));
        break;
      }
      case 'separator':
        setStyle(false, 1, 1);
        writeLines([layoutSeparator(block, profile.columns)]);
        break;
      case 'feed':
        out.push(feedLines(block.lines));
        break;
      case 'cut':
        if (profile.cutter) out.push(cutPaper(block.partial));
        break;
      case 'drawer':
        if (profile.drawer) out.push(drawerKick(block.pin));
        break;
      default:
        setStyle(false, 1, 1);
        out.push(ALIGN[block.align]);
        out.append(graphic(block, profile));
        out.push([LF], ALIGN.left);
    }
  }
  setStyle(false, 1, 1);
  if (doubleByte) out.push(KANJI_OFF);
  return out.toBuffer();
}

function graphic(block: Extract<ReceiptBlock, { type: 'qr' | 'barcode' | 'image' }>, profile: PrinterProfile): Buffer {
  if (block.type === 'barcode') return barcode(block);
  if (block.type === 'image') {
    if (block.widthDots > profile.dotsPerLine) {
      throw new RangeError(`image is ${block.widthDots} dots wide; the paper holds ${profile.dotsPerLine}`);
    }
    return rasterImage(block.widthDots, block.heightDots, Buffer.from(block.base64, 'base64'));
  }
  const size = block.moduleSize ?? profile.qrModuleSize;
  return profile.qr === 'native'
    ? nativeQr(block.data, size, block.errorCorrection)
    : rasterQr(block.data, size, block.errorCorrection, profile.dotsPerLine);
}

/** Collects chunks and concatenates once: a receipt is a few hundred small writes. */
class ByteWriter {
  private readonly chunks: Uint8Array[] = [];
  private pending: number[] = [];

  push(...commands: readonly (readonly number[])[]): void {
    for (const c of commands) for (const b of c) this.pending.push(b);
  }

  append(bytes: Uint8Array): void {
    this.flush();
    this.chunks.push(bytes);
  }

  toBuffer(): Buffer {
    this.flush();
    return Buffer.concat(this.chunks);
  }

  private flush(): void {
    if (this.pending.length > 0) {
      this.chunks.push(Buffer.from(this.pending));
      this.pending = [];
    }
  }
}
