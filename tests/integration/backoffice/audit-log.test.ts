import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../server/security/ids';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import { startSignedInBackoffice } from './support/backoffice-world';

interface Entry {
  id: string;
  at: string;
  action: string;
  actor: { type: string; id: string | null; name: string | null };
  target: { id: string | null };
  storeId: string | null;
  details: Record<string, unknown>;
}
interface Page {
  items: Entry[];
  nextCursor: string | null;
}

async function everyPage(client: ApiClient, query: string, limit: number): Promise<Entry[]> {
  const seen: Entry[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: Page } = await client.get<Page>(`/merchant/audit?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    seen.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return seen;
}

describe.each(BACKENDS)('back-office audit log (%s)', (kind) => {
  let ctx: Awaited<ReturnType<typeof startSignedInBackoffice>>;
  beforeAll(async () => {
    ctx = await startSignedInBackoffice(kind);
  });
  afterAll(async () => {
    await ctx?.running.stop();
  });

  it('answers who did what, when and to what, newest first, filtered by actor, action, store and time', async () => {
    const { owner, world } = ctx;
    const store = await owner.post<{ id: string }>('/merchant/stores', { name: '审计店' });
    const till = await owner.post<{ id: string }>(`/merchant/stores/${store.body.id}/terminals`, { name: 'T1' });
    await owner.post(`/merchant/terminals/${till.body.id}/revoke`, {});
    await owner.post(`/merchant/terminals/${world.terminal.id}/disable`, {});

    const all = await owner.get<Page>('/merchant/audit');
    expect(all.status).toBe(200);
    expect(all.body.items.slice(0, 4).map((e) => e.action)).toEqual(['terminal.disable', 'terminal.revoke', 'terminal.create', 'store.create']);
    expect(all.body.items[1]).toMatchObject({
      action: 'terminal.revoke',
      actor: { type: 'user', id: world.owner.id, name: '店主' },
      target: { id: till.body.id },
      storeId: store.body.id,
      details: { statusBefore: 'unpaired' },
    });

    const atStore = await owner.get<Page>(`/merchant/audit?storeId=${store.body.id}`);
    expect(atStore.body.items.map((e) => e.action)).toEqual(['terminal.revoke', 'terminal.create', 'store.create']);
    const tills = await owner.get<Page>('/merchant/audit?action=terminal.');
    expect(tills.body.items.map((e) => e.action)).toEqual(['terminal.disable', 'terminal.revoke', 'terminal.create']);
    const exact = await owner.get<Page>('/merchant/audit?action=terminal.revoke');
    expect(exact.body.items.map((e) => e.target.id)).toEqual([till.body.id]);
    expect((await owner.get<Page>(`/merchant/audit?actor=${world.manager.id}`)).body.items.map((e) => e.action)).toEqual(['merchant_user.login']);
    const revokedAt = all.body.items[1]?.at ?? '';
    const upTo = await owner.get<Page>(`/merchant/audit?to=${encodeURIComponent(revokedAt)}`);
    expect(upTo.body.items.every((e) => e.at < revokedAt)).toBe(true);
    const from = await owner.get<Page>(`/merchant/audit?from=${encodeURIComponent(revokedAt)}`);
    expect(from.body.items.map((e) => e.action)).toEqual(expect.arrayContaining(['terminal.revoke']));

    expect((await ctx.otherOwner.get<Page>('/merchant/audit')).body.items.map((e) => e.id)).not.toContain(all.body.items[0]?.id);
    const manager = await ctx.manager.get('/merchant/audit');
    expect([manager.status, errorCode(manager)]).toEqual([403, 'FORBIDDEN']);
    for (const bad of ['from=yesterday', 'limit=0', 'limit=201', 'cursor=bm9wZQ']) {
      const res = await owner.get(`/merchant/audit?${bad}`);
      expect(res.status, bad).toBe(400);
    }
  });

  it('pages by time then id: every entry exactly once when the two orders disagree', async () => {
    const { world } = ctx;
    const db = ctx.running.server.db;
    const base = Date.parse('2020-03-01T00:00:00.000Z');
    // Ids rise while times fall, and pairs share an instant.
    const rows = Array.from({ length: 9 }, (_, i) => ({
      merchant_id: world.merchant.id,
      id: `audit-${i}-${newId()}`,
      at: new Date(base - Math.floor(i / 2) * 1000).toISOString(),
      actor_type: 'system' as const,
      actor_id: null,
      action: 'paging.test',
      subject_id: null,
      details: '{}',
    }));
    await db.kysely.insertInto('audit_log').values(rows).execute();
    const seen = await everyPage(ctx.owner, 'action=paging.test', 2);
    const expected = [...rows].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id)).map((r) => r.id);
    expect(seen.map((e) => e.id)).toEqual(expected);
  });
});
