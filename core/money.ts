import { fail, ok, type Result } from './result';
import { toAsciiTyped } from './typed-text';

/** Money is an integer number of fen (分). Never a float; format only at the edge. */
export type Fen = number;

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function assertFen(value: number): Fen {
  if (!isFen(value)) throw new RangeError(`not an integer amount of fen: ${value}`);
  return value;
}

/** `1250` → `￥12.50`; the full-width yuan sign prints on GBK receipt printers (U+00A5 does not). */
export function formatFen(amount: Fen): string {
  assertFen(amount);
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const yuan = Math.trunc(abs / 100);
  const fen = abs % 100;
  return `${sign}￥${yuan.toString()}.${fen.toString().padStart(2, '0')}`;
}

const YUAN_PATTERN = /^(-)?(\d{1,12})(?:\.(\d{1,2}))?$/;

/** Parses a yuan amount a person typed (`12`, `12.5`, `12.50`, full-width `１２．５`) into fen without float arithmetic. */
export function parseYuan(input: string): Result<Fen, 'VALIDATION_FAILED'> {
  const match = YUAN_PATTERN.exec(toAsciiTyped(input).trim().replace(/^[￥¥]/, ''));
  if (!match) return fail('VALIDATION_FAILED', `not an amount in yuan: "${input}"`);
  const [, minus, whole = '0', frac = ''] = match;
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return ok(minus ? -fen : fen);
}
