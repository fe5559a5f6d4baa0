import { once } from 'node:events';
import type { Response } from 'express';

/** Excel reads UTF-8 (and so Chinese) only when the file starts with a byte-order mark. */
export const UTF8_BOM = '\uFEFF';

const SPECIAL = /^[=+\-@\t\r]|[",\r\n]/;
const FORMULA = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * tab, CR) is prefixed with `'`; numbers are written as they are.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  let text = String(value);
  if (!SPECIAL.test(text)) return text;
  if (FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** Writes a chunk, waiting while the client is slower than the database; false once the client has gone. */
export async function writeChunk(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return false;
  if (res.write(chunk)) return true;
  const waiting = new AbortController();
  try {
    await Promise.race([once(res, 'drain', { signal: waiting.signal }), once(res, 'close', { signal: waiting.signal })]);
  } finally {
    // Removes the listener of the event that did not come.
    waiting.abort();
  }
  return !res.destroyed;
}
