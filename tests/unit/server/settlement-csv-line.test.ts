import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { utcTextToIso } from '../../../server/db/row-stream';
import { csvLine } from '../../../server/http/csv';
import { ledgerLineWriter } from '../../../server/http/routes/settlement-csv-line';

const names = {
  campaigns: new Map([
    ['c1', { title: '双十一,特价 "秒杀"', faceValueFen: 5000 }],
    ['c2', { title: '=HYPERLINK("x")', faceValueFen: 100 }],
  ]),
  stores: new Map([['s1', '+南京路店']]),
};
const dateOf = (utcHour: string) => utcHour.slice(0, 10);

describe('a ledger CSV line', () => {
  const line = ledgerLineWriter(dateOf, names);

  it('writes what csvLine writes for the same fields, quoting and defusing the merchant’s names', () => {
    expect(line(['redemption', '2026-12-07T09:30:00.123Z', 'c1', 's1', 'r-1', 2, 0])).toBe(
      csvLine(['redemption', '2026-12-07T09:30:00.123Z', '2026-12-07', 'c1', '双十一,特价 "秒杀"', 's1', '+南京路店', 'r-1', 2, 0, 10000]),
    );
    expect(line(['refund', '2026-12-07T23:59:59.999Z', 'c2', null, '-o1', 1, -100])).toBe(
      csvLine(['refund', '2026-12-07T23:59:59.999Z', '2026-12-07', 'c2', '=HYPERLINK("x")', null, null, '-o1', 1, -100, null]),
    );
  });

  it('leaves a campaign or store it does not know unnamed, and counts no face value for it', () => {
    expect(line(['redemption', '2026-12-07T00:00:00.000Z', 'gone', 'closed', 'r-2', 1, 0])).toBe(
      csvLine(['redemption', '2026-12-07T00:00:00.000Z', '2026-12-07', 'gone', null, 'closed', null, 'r-2', 1, 0, 0]),
    );
  });
});

describe('PostgreSQL instants as ISO text', () => {
  const byDate = (text: string) => (pg.types.getTypeParser(1184, 'text')(text) as Date).toISOString();

  it('reads UTC text as the pool’s Date-based parser does, the fraction cut to milliseconds', () => {
    for (const text of ['2026-12-07 09:30:00+00', '2026-12-07 09:30:00.1+00', '2026-12-07 09:30:00.12+00', '2026-12-07 09:30:00.123456+00', '2026-12-31 23:59:59.999999+00']) {
      expect(utcTextToIso(text)).toBe(byDate(text));
    }
  });

  it('hands any other shape to that parser', () => {
    expect(utcTextToIso('2026-12-07 17:30:00+08')).toBe('2026-12-07T09:30:00.000Z');
  });
});
