import { alignToWidth, normalizeReceiptText, textWidth, wrapToWidth } from '../text-width';
import type { Column, ColumnsBlock, SeparatorBlock, TextBlock } from './document';

/**
 * Turns text-like blocks into the exact strings a printer prints, padded with spaces so that
 * alignment needs no printer command and every line provably fits the paper.
 */

/** Lines of a text block, in cells of the block's magnified font (`columns / width` per line). */
export function layoutText(block: TextBlock, columns: number): string[] {
  const cells = Math.floor(columns / block.width);
  return wrapToWidth(normalizeReceiptText(block.text), cells).map((line) =>
    alignToWidth(line, cells, block.align).trimEnd(),
  );
}

export function layoutSeparator(block: SeparatorBlock, columns: number): string {
  return block.char.repeat(columns);
}

const GAP = 1;
const MIN_FLEX = 6;

export function columnWidths(cols: readonly Column[], columns: number): number[] {
  const room = columns - GAP * (cols.length - 1);
  const flexible = cols.filter((c) => c.width === undefined);
  const fixedRoom = room - MIN_FLEX * flexible.length;
  const fixedWanted = cols.reduce((sum, c) => sum + (c.width ?? 0), 0);
  // Fixed columns that would squeeze the others below MIN_FLEX shrink in proportion and wrap.
  const scale = fixedWanted > fixedRoom ? fixedRoom / fixedWanted : 1;
  const fixed = cols.map((c) => (c.width === undefined ? 0 : Math.max(2, Math.floor(c.width * scale))));
  const flexRoom = room - fixed.reduce((a, b) => a + b, 0);
  const weightSum = flexible.reduce((sum, c) => sum + c.weight, 0);
  const widths = cols.map((c, i) => (c.width === undefined ? Math.floor((flexRoom * c.weight) / weightSum) : (fixed[i] ?? 2)));
  const firstFlex = cols.findIndex((c) => c.width === undefined);
  const spare = room - widths.reduce((a, b) => a + b, 0);
  if (spare > 0) {
    const target = firstFlex >= 0 ? firstFlex : 0;
    widths[target] = (widths[target] ?? 0) + spare;
  }
  if (widths.some((w) => w < 2)) throw new RangeError(`columns do not fit in ${columns}: ${widths.join('+')}`);
  return widths;
}

/** A row of two or three columns; a cell too long for its column wraps inside it. */
export function layoutColumns(block: ColumnsBlock, columns: number): string[] {
  const widths = columnWidths(block.columns, columns);
  const cells = block.columns.map((c, i) => wrapToWidth(normalizeReceiptText(c.text), widths[i] ?? 2));
  const rows = Math.max(...cells.map((c) => c.length));
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const parts = block.columns.map((c, i) => alignToWidth(cells[i]?.[r] ?? '', widths[i] ?? 2, c.align));
    lines.push(parts.join(' '.repeat(GAP)).trimEnd());
  }
  return lines;
}

/** Width a fixed column needs to show `text` whole (used for amount columns). */
export function fitWidth(text: string): number {
  return Math.max(2, textWidth(normalizeReceiptText(text)));
}
