import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterKey, decodeCursor, encodeCursor, toPage, type KeysetOrder } from '../../../server/db/keyset-page';
import { createMerchant } from '../../../server/repositories/merchant-setup';
import { newId } from '../../../server/security/ids';
import { startServer, type RunningServer } from '../../../server/server';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';

const ORDER: KeysetOrder = { columns: ['created_at', 'id'], direction: 'desc' };

describe.each(BACKENDS)('keyset paging (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  beforeAll(async () => {
    backend = createBackend(kind);
    server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent' });
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  async function page(merchantId: string, limit: number, cursor?: string) {
    let query = server.db.kysely.selectFrom('members').select(['id', 'created_at']).where('merchant_id', '=', merchantId);
    if (cursor) {
      const key = decodeCursor(cursor, ORDER);
      if (!key.ok) throw new Error(key.code);
      query = query.where(afterKey(ORDER, key.value));
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    return toPage(rows, limit, (r) => [r.created_at, r.id], (r) => r.id);
  }

  it('returns every row exactly once when many rows share the first key and rows arrive between pages', async () => {
    const merchant = await createMerchant(server.db, { name: '分页商户' });
    // Ids deliberately sort against time: an id filter alone (the old conflict paging) would skip rows.
    const times = ['2026-12-01T10:00:00.000Z', '2026-12-01T10:00:00.000Z', '2026-12-01T09:00:00.000Z'];
    const rows = Array.from({ length: 23 }, (_, i) => ({
      merchant_id: merchant.id,
      id: `${String(100 - i).padStart(3, '0')}-${newId()}`,
      phone: `+86138000${String(i).padStart(5, '0')}`,
      created_at: times[i % 3] ?? '',
      updated_at: times[i % 3] ?? '',
    }));
    await server.db.kysely.insertInto('members').values(rows).execute();

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 20; guard++) {
      const result = await page(merchant.id, 5, cursor);
      seen.push(...result.items);
      if (guard === 1) {
        // A newer row arrives mid-paging: it belongs before the cursor, so it is not shown now.
        await server.db.kysely.insertInto('members').values({ ...rows[0]!, id: `zzz-${newId()}`, phone: '+8613999999999', created_at: '2026-12-02T00:00:00.000Z' }).execute();
      }
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(seen).toHaveLength(23);
    expect(new Set(seen)).toEqual(new Set(rows.map((r) => r.id)));
  });

  it('refuses a cursor it did not make', () => {
    expect(decodeCursor('not-a-cursor!', ORDER)).toMatchObject({ ok: false, code: 'CURSOR_INVALID' });
    expect(decodeCursor(encodeCursor(['only-one']), ORDER)).toMatchObject({ ok: false, code: 'CURSOR_INVALID' });
    expect(decodeCursor(encodeCursor(['a', 'b']), ORDER)).toEqual({ ok: true, value: ['a', 'b'] });
  });
});
