import iconv from 'iconv-lite';

/**
 * Walks ESC/POS bytes the way a Chinese-capable printer would and reports what comes out on
 * paper: the printed lines (GB18030 decoded, with their width in columns), QR codes with their
 * declared and real lengths, barcodes, images, cuts and drawer kicks. Unknown commands throw, so
 * an encoder bug cannot hide behind the decoder.
 */

export interface DecodedLine {
  text: string;
  /** Printed width in normal-font columns: ASCII 1, double-byte 2, times the width magnification. */
  width: number;
  bold: boolean;
  magnified: boolean;
}

export interface DecodedQr {
  payload: string;
  declaredLength: number;
  /** Bytes between the store-data header and the print command: equals `declaredLength` when honest. */
  bytesUntilPrint: number;
  moduleSize: number | null;
  errorCorrection: number | null;
  printed: boolean;
}

export interface DecodedReceipt {
  lines: DecodedLine[];
  qrs: DecodedQr[];
  barcodes: { type: number; data: string }[];
  images: { widthDots: number; heightDots: number }[];
  /** Whether `FS &` came before the first double-byte character. */
  kanjiModeBeforeText: boolean;
  kanjiOnCount: number;
  kanjiOffCount: number;
  /** Characters the printer would print from a single-byte code page (wrong for Chinese). */
  singleByteHighChars: number;
  /** Four-byte GB18030 sequences, which most firmware prints as garbage. */
  fourByteSequences: number;
  cuts: number;
  drawerKicks: number[];
  statusRequests: number[];
  printConfirmations: number;
  initCount: number;
}

export function decodeEscPos(input: Uint8Array): DecodedReceipt {
  const b = Buffer.from(input);
  const r: DecodedReceipt = {
    lines: [],
    qrs: [],
    barcodes: [],
    images: [],
    kanjiModeBeforeText: true,
    kanjiOnCount: 0,
    kanjiOffCount: 0,
    singleByteHighChars: 0,
    fourByteSequences: 0,
    cuts: 0,
    drawerKicks: [],
    statusRequests: [],
    printConfirmations: 0,
    initCount: 0,
  };
  let kanji = false;
  let widthMul = 1;
  let bold = false;
  let line: DecodedLine = { text: '', width: 0, bold: false, magnified: false };
  let pendingQr: Omit<DecodedQr, 'printed'> | null = null;
  let qrModule: number | null = null;
  let qrEcc: number | null = null;

  const endLine = (): void => {
    r.lines.push(line);
    line = { text: '', width: 0, bold: false, magnified: false };
  };
  const addChar = (ch: string, cols: number): void => {
    line.text += ch;
    line.width += cols * widthMul;
    line.bold ||= bold;
    line.magnified ||= widthMul > 1;
  };
  const need = (i: number, n: number): void => {
    if (i + n > b.length) throw new Error(`truncated command at byte ${i}`);
  };

  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c === 0x0a) {
      endLine();
      i += 1;
    } else if (c === 0x0d) {
      i += 1;
    } else if (c === 0x1b) {
      need(i, 2);
      const op = b[i + 1]!;
      if (op === 0x40) {
        r.initCount++;
        kanji = false;
        widthMul = 1;
        bold = false;
        i += 2;
      } else if (op === 0x32) i += 2;
      else if (op === 0x45) {
        need(i, 3);
        bold = (b[i + 2]! & 1) === 1;
        i += 3;
      } else if (op === 0x21) {
        need(i, 3);
        widthMul = b[i + 2]! & 0x20 ? 2 : 1;
        bold = (b[i + 2]! & 0x08) !== 0;
        i += 3;
      } else if ([0x61, 0x64, 0x33, 0x74, 0x52, 0x4d, 0x2d, 0x47, 0x4a, 0x7b, 0x20].includes(op)) i += 3;
      else if (op === 0x70) {
        need(i, 5);
        r.drawerKicks.push(b[i + 2] === 0 || b[i + 2] === 0x30 ? 2 : 5);
        i += 5;
      } else throw new Error(`unknown ESC 0x${op.toString(16)} at byte ${i}`);
    } else if (c === 0x1c) {
      need(i, 2);
      const op = b[i + 1]!;
      if (op === 0x26) {
        kanji = true;
        r.kanjiOnCount++;
        i += 2;
      } else if (op === 0x2e) {
        kanji = false;
        r.kanjiOffCount++;
        i += 2;
      } else if (op === 0x21 || op === 0x43) i += 3;
      else throw new Error(`unknown FS 0x${op.toString(16)} at byte ${i}`);
    } else if (c === 0x1d) {
      need(i, 2);
      const op = b[i + 1]!;
      if (op === 0x21) {
        widthMul = ((b[i + 2]! >> 4) & 7) + 1;
        i += 3;
      } else if ([0x68, 0x77, 0x48, 0x66, 0x61, 0x42].includes(op)) i += 3;
      else if (op === 0x72) {
        r.printConfirmations++;
        i += 3;
      } else if (op === 0x56) {
        r.cuts++;
        i += b[i + 2]! >= 0x41 ? 4 : 3;
      } else if (op === 0x4c || op === 0x57) i += 4;
      else if (op === 0x76) {
        need(i, 8);
        const rowBytes = b[i + 4]! + b[i + 5]! * 256;
        const height = b[i + 6]! + b[i + 7]! * 256;
        r.images.push({ widthDots: rowBytes * 8, heightDots: height });
        i += 8 + rowBytes * height;
        need(0, i);
      } else if (op === 0x6b) {
        need(i, 4);
        const m = b[i + 2]!;
        if (m <= 6) {
          const end = b.indexOf(0, i + 3);
          r.barcodes.push({ type: m, data: b.toString('latin1', i + 3, end) });
          i = end + 1;
        } else {
          const n = b[i + 3]!;
          r.barcodes.push({ type: m, data: b.toString('latin1', i + 4, i + 4 + n) });
          i += 4 + n;
        }
      } else if (op === 0x28 && b[i + 2] === 0x6b) {
        need(i, 8);
        const len = b[i + 3]! + b[i + 4]! * 256;
        const fn = b[i + 6]!;
        if (fn === 0x43) qrModule = b[i + 7]!;
        if (fn === 0x45) qrEcc = b[i + 7]!;
        if (fn === 0x50) {
          const start = i + 8;
          const declared = len - 3;
          const printAt = b.indexOf(Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51]), start);
          pendingQr = {
            payload: b.toString('utf8', start, start + declared),
            declaredLength: declared,
            bytesUntilPrint: printAt < 0 ? -1 : printAt - start,
            moduleSize: qrModule,
            errorCorrection: qrEcc,
          };
        }
        if (fn === 0x51 && pendingQr) {
          r.qrs.push({ ...pendingQr, printed: true });
          pendingQr = null;
        }
        i += 5 + len;
      } else throw new Error(`unknown GS 0x${op.toString(16)} at byte ${i}`);
    } else if (c === 0x10) {
      need(i, 3);
      if (b[i + 1] !== 0x04) throw new Error(`unknown DLE 0x${b[i + 1]!.toString(16)} at byte ${i}`);
      r.statusRequests.push(b[i + 2]!);
      i += 3;
    } else if (c < 0x20) {
      throw new Error(`unexpected control byte 0x${c.toString(16)} at byte ${i}`);
    } else if (c < 0x80) {
      addChar(String.fromCharCode(c), 1);
      i += 1;
    } else if (!kanji) {
      if (r.kanjiOnCount === 0) r.kanjiModeBeforeText = false;
      r.singleByteHighChars++;
      addChar(iconv.decode(b.subarray(i, i + 1), 'cp437'), 1);
      i += 1;
    } else {
      const second = b[i + 1] ?? 0;
      const size = second >= 0x30 && second <= 0x39 ? 4 : 2;
      if (size === 4) r.fourByteSequences++;
      addChar(iconv.decode(b.subarray(i, i + size), 'gb18030'), 2);
      i += size;
    }
  }
  if (line.text.length > 0) endLine();
  return r;
}

/** The printed lines as plain strings, for reading and for messages. */
export function printedText(decoded: DecodedReceipt): string[] {
  return decoded.lines.map((l) => l.text);
}
