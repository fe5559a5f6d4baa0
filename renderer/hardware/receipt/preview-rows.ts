import type { Align, ReceiptDocument } from '../../../core/receipt/document';
import { layoutColumns, layoutSeparator, layoutText } from '../../../core/receipt/layout';
import { charColumns } from '../../../core/text-width';

/** One printed character and how many normal-font columns it takes (a Hanzi takes two). */
export interface PreviewGlyph {
  ch: string;
  cols: 1 | 2;
}

/** What the screen draws for one line or graphic of a receipt, in the printer's own layout. */
export type PreviewRow =
  | { kind: 'text'; glyphs: PreviewGlyph[]; bold: boolean; width: 1 | 2; height: 1 | 2 }
  | { kind: 'qr'; data: string; moduleSize: number; errorCorrection: 'L' | 'M' | 'Q' | 'H'; align: Align }
  | { kind: 'barcode'; symbology: string; data: string; align: Align }
  | { kind: 'image'; widthDots: number; heightDots: number; base64: string; align: Align }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut' };

export interface PreviewProfile {
  columns: number;
  qrModuleSize: number;
}

function glyphsOf(line: string): PreviewGlyph[] {
  const glyphs: PreviewGlyph[] = [];
  for (const ch of line) {
    const cols = charColumns(ch);
    if (cols > 0) glyphs.push({ ch, cols: cols as 1 | 2 });
  }
  return glyphs;
}

const textRows = (lines: readonly string[], bold: boolean, width: 1 | 2 = 1, height: 1 | 2 = 1): PreviewRow[] =>
  lines.map((line) => ({ kind: 'text', glyphs: glyphsOf(line), bold, width, height }));

/**
 * The same line breaks, padding and alignment as the ESC/POS encoder (both use core/receipt/layout),
 * so the preview shows what the paper will: 32 or 48 columns, a Hanzi two columns wide.
 */
export function previewRows(document: ReceiptDocument, profile: PreviewProfile): PreviewRow[] {
  const rows: PreviewRow[] = [];
  for (const block of document.blocks) {
    switch (block.type) {
      case 'text':
        rows.push(...textRows(layoutText(block, profile.columns), block.bold, block.width, block.height));
        break;
      case 'columns':
        rows.push(...textRows(layoutColumns(block, profile.columns), block.bold));
        break;
      case 'separator':
        rows.push(...textRows([layoutSeparator(block, profile.columns)], false));
        break;
      case 'qr':
        rows.push({ kind: 'qr', data: block.data, moduleSize: block.moduleSize ?? profile.qrModuleSize, errorCorrection: block.errorCorrection, align: block.align });
        break;
      case 'barcode':
        rows.push({ kind: 'barcode', symbology: block.symbology, data: block.data, align: block.align });
        break;
      case 'image':
        rows.push({ kind: 'image', widthDots: block.widthDots, heightDots: block.heightDots, base64: block.base64, align: block.align });
        break;
      case 'feed':
        rows.push({ kind: 'feed', lines: block.lines });
        break;
      case 'cut':
        rows.push({ kind: 'cut' });
        break;
      case 'drawer':
        break;
    }
  }
  return rows;
}

/** The printed text of a preview, one string per line: what a test compares with the decoded bytes. */
export function previewText(rows: readonly PreviewRow[]): string[] {
  return rows.flatMap((row) => (row.kind === 'text' ? [row.glyphs.map((g) => g.ch).join('')] : []));
}
