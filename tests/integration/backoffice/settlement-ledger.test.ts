import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_CSV_HEADER } from '../../../server/http/routes/settlement-routes';
import { createCampaign, issueVouchers } from '../../../server/repositories/merchant-setup';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import { startSignedInBackoffice, type BackofficeServer, type BackofficeWorld } from './support/backoffice-world';
import { insertRedemption } from './support/ledger-rows';
import { insertOrder } from './support/sales-rows';

/** Shanghai (UTC+8): 2026-04-01 runs from 2026-03-31T16:00Z; 2026-04-02 from 2026-04-01T16:00Z. */
const D1 = '2026-04-01';
const D2 = '2026-04-02';
const TITLE = '=招牌,"烤鸭"';

interface Statement {
  items: ({ date: string; campaignId: string; storeId: string | null; title: string | null; storeName: string | null } & Record<string, unknown>)[];
  totals: Record<string, number>;
}

/** RFC 4180 rows of a CSV text without its BOM. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted) {
      if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += ch;
    }
  }
  return rows;
}

describe.each(BACKENDS)('daily settlement and the ledger CSV (%s)', (kind) => {
  let running: BackofficeServer;
  let world: BackofficeWorld;
  let owner: ApiClient;
  let otherOwner: ApiClient;
  const ids = { campaign: '', paid: '', refunded: '', redemptionA: '', redemptionB: '' };

  beforeAll(async () => {
    ({ running, world, owner, otherOwner } = await startSignedInBackoffice(kind));
    const db = running.server.db;
    const m = world.merchant.id;
    const c = await createCampaign(db, m, { kind: 'product', title: TITLE, priceFen: 9_900, faceValueFen: 12_800, usesPerVoucher: 2, validFrom: new Date('2026-01-01'), validUntil: new Date('2027-01-01'), storeIds: [world.stores.a.id, world.stores.b.id] });
    ids.campaign = c.id;
    const setTimes = (id: string, paidAt: string, refundedAt: string | null) =>
      db.kysely.updateTable('orders').set({ paid_at: paidAt, refunded_at: refundedAt }).where('id', '=', id).execute();
    ids.paid = await insertOrder(db, m, c.id, { phone: '+8613800000001', quantity: 3, unitPriceFen: 9_900 });
    await setTimes(ids.paid, '2026-03-31T17:00:00.000Z', null); // D1 01:00 local
    ids.refunded = await insertOrder(db, m, c.id, { phone: '+8613800000002', quantity: 2, unitPriceFen: 9_900, state: 'partly_refunded', refundedQuantity: 1 });
    await setTimes(ids.refunded, '2026-04-01T15:59:00.000Z', '2026-04-01T16:30:00.000Z'); // paid D1 23:59, refunded D2 00:30
    const outside = await insertOrder(db, m, c.id, { phone: '+8613800000003' });
    await setTimes(outside, '2026-03-31T15:59:59.000Z', null); // 2026-03-31 local: outside
    await db.kysely
      .insertInto('group_price_refunds')
      .values({ merchant_id: m, campaign_id: c.id, order_id: ids.paid, buyer_phone: '+8613800000001', units: 3, paid_unit_price_fen: 9_900, final_unit_price_fen: 8_900, refund_fen: 3_000, created_at: '2026-04-02T01:00:00.000Z' })
      .execute();
    const [v] = await issueVouchers(db, m, { id: c.id, usesPerVoucher: 2, validFrom: new Date('2026-01-01'), validUntil: new Date('2027-01-01') }, { count: 1 });
    const base = { merchantId: m, voucherId: v!.id };
    ids.redemptionA = await insertRedemption(db, { ...base, storeId: world.stores.a.id, terminalId: world.terminal.id, at: '2026-04-01T02:00:00.000Z', count: 2 });
    ids.redemptionB = await insertRedemption(db, { ...base, storeId: world.stores.b.id, terminalId: world.terminalB.id, at: '2026-04-01T03:00:00.000Z' });
    await insertRedemption(db, { ...base, storeId: world.stores.b.id, terminalId: world.terminalB.id, at: '2026-04-01T04:00:00.000Z', outcome: 'rejected' });
  });
  afterAll(async () => {
    await running?.stop();
  });

  it('states each day per campaign and store: online sales with no store, redemptions at theirs', async () => {
    const res = await owner.get<Statement>(`/merchant/settlement/daily?from=${D1}&to=${D2}`);
    expect(res.status).toBe(200);
    const z = { soldUnits: 0, soldFen: 0, refundedUnits: 0, refundedFen: 0, groupPriceAdjustmentFen: 0, redeemedUses: 0, redeemedFaceValueFen: 0, netFen: 0 };
    const c = ids.campaign;
    expect(res.body.items).toEqual([
      { ...z, date: D1, campaignId: c, storeId: null, title: TITLE, storeName: null, soldUnits: 5, soldFen: 49_500, netFen: 49_500 },
      { ...z, date: D1, campaignId: c, storeId: world.stores.a.id, title: TITLE, storeName: 'A 店', redeemedUses: 2, redeemedFaceValueFen: 25_600 },
      { ...z, date: D1, campaignId: c, storeId: world.stores.b.id, title: TITLE, storeName: 'B 店', redeemedUses: 1, redeemedFaceValueFen: 12_800 },
      { ...z, date: D2, campaignId: c, storeId: null, title: TITLE, storeName: null, refundedUnits: 1, refundedFen: 9_900, groupPriceAdjustmentFen: 3_000, netFen: -12_900 },
    ].sort((a, b) => a.date.localeCompare(b.date) || (a.storeId ?? '').localeCompare(b.storeId ?? '')));
    expect(res.body.totals).toEqual({ ...z, soldUnits: 5, soldFen: 49_500, refundedUnits: 1, refundedFen: 9_900, groupPriceAdjustmentFen: 3_000, redeemedUses: 3, redeemedFaceValueFen: 38_400, netFen: 36_600 });
    const storeB = await owner.get<Statement>(`/merchant/settlement/daily?from=${D1}&to=${D2}&storeId=${world.stores.b.id}`);
    expect(storeB.body.items.map((i) => [i.date, i.storeId])).toEqual([[D1, world.stores.b.id]]);
    const theirs = await otherOwner.get<Statement>(`/merchant/settlement/daily?from=${D1}&to=${D2}&campaignId=${c}`);
    expect(theirs.body.items).toEqual([]);
  });

  it('exports the ledger as a UTF-8 CSV with a BOM, one row per ledger row, whose sums are the statement', async () => {
    const res = await fetch(`${running.server.url}/api/v1/merchant/settlement/export.csv?from=${D1}&to=${D2}`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    expect(header).toEqual([...LEDGER_CSV_HEADER]);
    const byRef = rows.map((r) => [r[0], r[2], r[5], r[7], r[8], r[9], r[10]]).sort((a, b) => `${a[0]}${a[3]}`.localeCompare(`${b[0]}${b[3]}`));
    const A = world.stores.a.id;
    const B = world.stores.b.id;
    expect(byRef).toEqual(
      [
        ['group_price_refund', D2, '', ids.paid, '3', '-3000', ''],
        ['redemption', D1, A, ids.redemptionA, '2', '0', '25600'],
        ['redemption', D1, B, ids.redemptionB, '1', '0', '12800'],
        ['refund', D2, '', ids.refunded, '1', '-9900', ''],
        ['sale', D1, '', ids.paid, '3', '29700', ''],
        ['sale', D1, '', ids.refunded, '2', '19800', ''],
      ].sort((a, b) => `${a[0]}${a[3]}`.localeCompare(`${b[0]}${b[3]}`)),
    );
    // The title is text a spreadsheet must not run as a formula, and survives quoting.
    expect(new Set(rows.map((r) => r[4]))).toEqual(new Set([`'${TITLE}`]));
    expect(new Set(rows.filter((r) => r[0] === 'redemption').map((r) => r[6]))).toEqual(new Set(['A 店', 'B 店']));
    const other = await fetch(`${running.server.url}/api/v1/merchant/settlement/export.csv?from=${D1}&to=${D2}`, { headers: { authorization: `Bearer ${otherOwner.token}` } });
    expect(parseCsv(await other.text())).toEqual([[...LEDGER_CSV_HEADER]]);
  });

  it('refuses a bad range before sending anything', async () => {
    for (const path of ['daily', 'export.csv']) {
      for (const query of [`from=${D2}&to=${D1}`, 'from=2026-01-01&to=2027-12-31', `from=${D1}`, `from=2026-13-01&to=${D2}`, `from=${D1}&to=${D2}&campaignId=x`]) {
        const res = await owner.get(`/merchant/settlement/${path}?${query}`);
        expect([res.status, errorCode(res)], `${path}?${query}`).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect(errorCode(await owner.withToken(undefined).get(`/merchant/settlement/${path}?from=${D1}&to=${D2}`))).toBe('UNAUTHORIZED');
    }
  });
});
