import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;

/** Pinyin initials of the Chinese characters in `name`, with ASCII letters and digits kept (可乐330 → kl330). */
export function pinyinInitials(name: string): string {
  if (!HAN.test(name)) return name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const letters = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' });
  return letters
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Normalises what a cashier types: trimmed, lower case, full-width ASCII folded to half-width. */
export function normaliseQuery(text: string): string {
  return text
    .trim()
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase();
}

/**
 * The prefixes an item is found by: the whole name, each word of it, and each tail of the name from
 * a Chinese character (so 鸡丁 finds 宫保鸡丁), its pinyin initials and its barcode.
 */
export function searchTerms(name: string, initials: string, barcode: string | null): string[] {
  const lower = normaliseQuery(name);
  const terms = new Set<string>([lower, initials]);
  for (const word of lower.split(/[\s/·,，()（）-]+/)) if (word) terms.add(word);
  const chars = [...lower];
  for (let i = 1; i < chars.length && i < 16; i++) if (HAN.test(chars[i]!)) terms.add(chars.slice(i).join(''));
  if (barcode) terms.add(barcode);
  terms.delete('');
  return [...terms];
}
