/**
 * Column arithmetic for receipt printers. A printer in double-byte (GB18030) mode prints every
 * non-ASCII character it knows as a full cell, so anything outside ASCII counts as two columns:
 * a Hanzi, full-width punctuation, and also "ambiguous" symbols such as `—`, `×` or `·`.
 */

const ZERO_WIDTH_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
  [0x0300, 0x036f],
  [0x200b, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x2064],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
];

function isZeroWidth(cp: number): boolean {
  return ZERO_WIDTH_RANGES.some(([from, to]) => cp >= from && cp <= to);
}

export function charColumns(ch: string): 0 | 1 | 2 {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x20 && cp < 0x7f) return 1;
  if (isZeroWidth(cp)) return 0;
  // Half-width katakana are the one non-ASCII block a printer draws in a single cell.
  if (cp >= 0xff61 && cp <= 0xff9f) return 1;
  return 2;
}

export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charColumns(ch);
  return width;
}

/** Keeps 2600–27BF symbols that GBK has (★☆☉♀♂); the rest of those blocks are emoji. */
const GBK_SYMBOLS = new Set(['\u2605', '\u2606', '\u2609', '\u2640', '\u2642', '\u2312']);

function isEmojiLike(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp > 0xffff) return true;
  if (GBK_SYMBOLS.has(ch)) return false;
  return (
    (cp >= 0x2300 && cp <= 0x23ff) ||
    (cp >= 0x2600 && cp <= 0x27bf) ||
    (cp >= 0x2b00 && cp <= 0x2bff) ||
    cp === 0x200d ||
    cp === 0x20e3 ||
    (cp >= 0xfe00 && cp <= 0xfe0f)
  );
}

/**
 * Makes text printable on a GB18030 receipt printer: `¥` (U+00A5, outside GBK) becomes `￥`,
 * accents fold to plain letters (`Café` → `Cafe`), emoji and astral characters are dropped,
 * tabs become spaces and other control characters disappear.
 */
export function normalizeReceiptText(text: string): string {
  const folded = text
    .replace(/\u00a5/g, '\uffe5')
    .replace(/\t/g, ' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
  let out = '';
  for (const ch of folded) {
    if (isEmojiLike(ch)) continue;
    if (charColumns(ch) === 0) continue;
    out += ch;
  }
  return out;
}

/** The longest prefix of `text` that fits in `columns`, never splitting a wide character. */
export function truncateToWidth(text: string, columns: number): string {
  let width = 0;
  let out = '';
  for (const ch of text) {
    const w = charColumns(ch);
    if (width + w > columns) break;
    width += w;
    out += ch;
  }
  return out;
}

export function padEndToWidth(text: string, columns: number): string {
  const fitted = truncateToWidth(text, columns);
  return fitted + ' '.repeat(columns - textWidth(fitted));
}

export function padStartToWidth(text: string, columns: number): string {
  const fitted = truncateToWidth(text, columns);
  return ' '.repeat(columns - textWidth(fitted)) + fitted;
}

export function centerToWidth(text: string, columns: number): string {
  const fitted = truncateToWidth(text, columns);
  const room = columns - textWidth(fitted);
  const left = Math.floor(room / 2);
  return ' '.repeat(left) + fitted + ' '.repeat(room - left);
}

export type Alignment = 'left' | 'center' | 'right';

export function alignToWidth(text: string, columns: number, align: Alignment): string {
  if (align === 'right') return padStartToWidth(text, columns);
  if (align === 'center') return centerToWidth(text, columns);
  return padEndToWidth(text, columns);
}

const NO_LINE_START = new Set([...'，。、：；！？）」』】》〉”’％…—,.;:!?)]}%']);

/**
 * Wraps text to lines of at most `columns`. Latin words move whole to the next line when they
 * fit there; CJK breaks between any two characters; a word longer than a line is cut.
 */
export function wrapToWidth(text: string, columns: number): string[] {
  if (columns < 2) throw new RangeError(`cannot wrap to ${columns} columns`);
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = '';
    let width = 0;
    const start = lines.length;
    const tokens = paragraph.match(/[\x21-\x7e]+|\s+|[^\s\x21-\x7e]/gu) ?? [];
    for (const token of tokens) {
      const w = textWidth(token);
      if (/^\s+$/.test(token)) {
        // Indentation at the start of a paragraph is kept; spaces at a wrap point are not.
        if (lines.length === start && width === 0 && w < columns) {
          line = token;
          width = w;
        } else if (width > 0 && width + w <= columns) {
          line += token;
          width += w;
        } else if (width > 0) {
          lines.push(line.trimEnd());
          line = '';
          width = 0;
        }
        continue;
      }
      if (width + w <= columns) {
        line += token;
        width += w;
        continue;
      }
      if (width > 0 && w <= columns) {
        const last = [...line].at(-1) ?? '';
        // Closing punctuation never starts a line: the character before it moves down too.
        if (NO_LINE_START.has(token) && last !== '' && textWidth(line) > textWidth(last) && !/\s/.test(last)) {
          lines.push(line.slice(0, -last.length).trimEnd());
          line = last + token;
        } else {
          lines.push(line.trimEnd());
          line = token;
        }
        width = textWidth(line);
        continue;
      }
      for (const ch of token) {
        const cw = charColumns(ch);
        if (width + cw > columns) {
          lines.push(line.trimEnd());
          line = '';
          width = 0;
        }
        line += ch;
        width += cw;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
