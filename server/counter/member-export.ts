import { maskPhone } from '../../core/mask';
import type { Db } from '../db/database';
import { withoutTransaction } from '../sync/sql/run-steps';
import { isoOrNull, num, rows, str, strOrNull } from '../sync/sql/steps';

const HEADER = ['member_id', 'phone', 'name', 'level', 'points', 'visits', 'home_store_id', 'created_at'];
const PAGE = 1000;

/** A CSV field: quoted when it holds a separator, a quote or a line break; a leading formula sign is defused. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The merchant's members as CSV lines, page by page (the caller writes each page as it comes).
 * Owners get full phones; everyone else masked ones.
 */
export async function* memberCsv(db: Db, merchantId: string, fullPhone: boolean): AsyncGenerator<string> {
  yield `${HEADER.join(',')}\r\n`;
  let after = '';
  for (;;) {
    const page = await withoutTransaction(db, () =>
      rows(`SELECT id, phone, name, level, points, visits, home_store_id, created_at FROM members WHERE merchant_id = ? AND id > ? ORDER BY id LIMIT ?`, [
        merchantId, after, PAGE,
      ]),
    );
    if (page.length === 0) return;
    yield page
      .map((r) => {
        const phone = str(r, 'phone');
        return [str(r, 'id'), fullPhone ? phone : maskPhone(phone), strOrNull(r, 'name'), str(r, 'level'), num(r, 'points'), num(r, 'visits'),
          strOrNull(r, 'home_store_id'), isoOrNull(r, 'created_at')].map(csvField).join(',');
      })
      .join('\r\n') + '\r\n';
    after = str(page.at(-1), 'id');
    if (page.length < PAGE) return;
  }
}
