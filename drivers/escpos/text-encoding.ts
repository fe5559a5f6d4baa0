import iconv from 'iconv-lite';
import { normalizeReceiptText } from '../../core/text-width';

/**
 * Characters become GB18030 bytes. Anything that would need a 4-byte GB18030 sequence (outside
 * GBK) is replaced by `?` before layout, because firmware prints those as garbage and the
 * column arithmetic must see what will really print.
 */
export type TextEncoding = 'gb18030' | 'ascii';

const gbkCache = new Map<string, boolean>();

function inGbk(ch: string): boolean {
  let known = gbkCache.get(ch);
  if (known === undefined) {
    known = iconv.encode(ch, 'gb18030').length === 2;
    gbkCache.set(ch, known);
  }
  return known;
}

export function printableText(text: string, encoding: TextEncoding): string {
  const normalized = normalizeReceiptText(text);
  if (/^[\x20-\x7e]*$/.test(normalized)) return normalized;
  let out = '';
  for (const ch of normalized) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) out += ch;
    else out += encoding === 'gb18030' && inGbk(ch) ? ch : '?';
  }
  return out;
}

export function encodeText(text: string, encoding: TextEncoding): Buffer {
  if (encoding === 'ascii' || /^[\x20-\x7e]*$/.test(text)) return Buffer.from(text, 'latin1');
  return iconv.encode(text, 'gb18030');
}
