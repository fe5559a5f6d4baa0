import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMerchant } from '../../../server/repositories/merchant-setup';
import { ApiClient, errorCode } from '../../support/server/api-client';
import { loginBody } from '../../support/server/login-body';
import { BACKENDS } from '../../support/server/backends';
import { auditRows, backofficeSnapshot, startSignedInBackoffice } from './support/backoffice-world';

interface StoreBody {
  id: string;
  name: string;
  address: string;
  timeZone: string;
  businessHours: Record<string, { open: string; close: string } | null> | null;
  active: boolean;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface FieldErrors {
  error: { code: string; details: { fields: { field: string }[] } };
}

const HOURS = {
  mon: { open: '09:00', close: '21:00' },
  tue: { open: '09:00', close: '21:00' },
  wed: null,
  thu: { open: '09:00', close: '21:00' },
  fri: { open: '09:00', close: '24:00' },
  sat: { open: '10:00', close: '24:00' },
  sun: { open: '10:00', close: '18:00' },
};

async function allPages<T>(client: ApiClient, path: string, limit: number): Promise<T[]> {
  const seen: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res: { status: number; body: Page<T> } = await client.get<Page<T>>(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return seen;
}

describe.each(BACKENDS)('back-office stores (%s)', (kind) => {
  let ctx: Awaited<ReturnType<typeof startSignedInBackoffice>>;
  beforeAll(async () => {
    ctx = await startSignedInBackoffice(kind);
  });
  afterAll(async () => {
    await ctx?.running.stop();
  });

  it('lets an owner open a store with address, time zone and hours, change it, and audits both', async () => {
    const { owner, world } = ctx;
    const created = await owner.post<StoreBody>('/merchant/stores', { name: '  C 店 ', address: '南京路 1 号', timeZone: 'Asia/Urumqi', businessHours: HOURS });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: 'C 店', address: '南京路 1 号', timeZone: 'Asia/Urumqi', businessHours: HOURS, active: true });

    const plain = await owner.post<StoreBody>('/merchant/stores', { name: 'D 店' });
    expect(plain.body).toMatchObject({ address: '', timeZone: 'Asia/Shanghai', businessHours: null, active: true });

    const patched = await owner.request<StoreBody>('PATCH', `/merchant/stores/${created.body.id}`, JSON.stringify({ active: false, timeZone: 'Asia/Shanghai' }), 'application/json');
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ active: false, timeZone: 'Asia/Shanghai', name: 'C 店', businessHours: HOURS });
    expect((await owner.get<StoreBody>(`/merchant/stores/${created.body.id}`)).body).toEqual(patched.body);

    const audit = (await auditRows(ctx.running.server.db, world.merchant.id)).filter((r) => r.subject_id === created.body.id);
    expect(audit.map((r) => r.action).sort()).toEqual(['store.create', 'store.update']);
    expect(audit.find((r) => r.action === 'store.update')?.details).toEqual({
      active: { from: true, to: false },
      timeZone: { from: 'Asia/Urumqi', to: 'Asia/Shanghai' },
    });
    const active = await owner.get<Page<StoreBody>>('/merchant/stores?active=false');
    expect(active.body.items.map((s) => s.id)).toEqual([created.body.id]);
  });

  it('refuses bad stores with 400 naming the field, and writes nothing', async () => {
    const { owner, world } = ctx;
    const before = await backofficeSnapshot(ctx.running.server.db);
    const stores = await ctx.running.server.db.kysely.selectFrom('stores').selectAll().orderBy('id').execute();
    const cases: [string, string, unknown, string][] = [
      ['POST', '/merchant/stores', { name: 'X', timeZone: 'Mars/Olympus' }, 'timeZone'],
      ['POST', '/merchant/stores', { name: '' }, 'name'],
      ['POST', '/merchant/stores', { name: 'X', businessHours: { ...HOURS, mon: { open: '21:00', close: '09:00' } } }, 'businessHours.mon.close'],
      ['POST', '/merchant/stores', { name: 'X', businessHours: { ...HOURS, tue: { open: '9:00', close: '21:00' } } }, 'businessHours.tue.open'],
      ['POST', '/merchant/stores', { name: 'X', businessHours: { mon: null } }, 'businessHours.tue'],
      ['POST', '/merchant/stores', { name: 'X', merchantId: world.other.merchant.id }, '(body)'],
      ['PATCH', `/merchant/stores/${world.stores.a.id}`, { timeZone: 'GMT+8' }, 'timeZone'],
      ['PATCH', `/merchant/stores/${world.stores.a.id}`, {}, '(body)'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await owner.request<FieldErrors>(method, path, JSON.stringify(body), 'application/json');
      expect([res.status, errorCode(res)], JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.body.error.details.fields.map((f) => f.field)).toContain(field);
    }
    expect(await backofficeSnapshot(ctx.running.server.db)).toEqual(before);
    expect(await ctx.running.server.db.kysely.selectFrom('stores').selectAll().orderBy('id').execute()).toEqual(stores);
  });

  it('shows a manager only their assigned stores; another merchant’s store is not found', async () => {
    const { owner, manager, otherOwner, world } = ctx;
    expect((await manager.get<Page<StoreBody>>('/merchant/stores')).body.items).toEqual([]);
    expect(errorCode(await manager.get(`/merchant/stores/${world.stores.a.id}`))).toBe('STORE_NOT_FOUND');

    const assigned = await owner.request<{ storeIds: string[] }>('PUT', `/merchant/users/${world.manager.id}/stores`, JSON.stringify({ storeIds: [world.stores.a.id] }), 'application/json');
    expect(assigned.status).toBe(200);
    expect(assigned.body.storeIds).toEqual([world.stores.a.id]);
    expect((await manager.get<Page<StoreBody>>('/merchant/stores')).body.items.map((s) => s.id)).toEqual([world.stores.a.id]);
    expect((await manager.get(`/merchant/stores/${world.stores.a.id}`)).status).toBe(200);
    const hidden = await manager.get(`/merchant/stores/${world.stores.b.id}`);
    expect([hidden.status, errorCode(hidden)]).toEqual([404, 'STORE_NOT_FOUND']);

    for (const res of [
      await otherOwner.get(`/merchant/stores/${world.stores.a.id}`),
      await otherOwner.request('PATCH', `/merchant/stores/${world.stores.a.id}`, JSON.stringify({ name: '偷改' }), 'application/json'),
    ]) {
      expect([res.status, errorCode(res)]).toEqual([404, 'STORE_NOT_FOUND']);
    }
    const foreign = await owner.request<FieldErrors>('PUT', `/merchant/users/${world.manager.id}/stores`, JSON.stringify({ storeIds: [world.other.store.id] }), 'application/json');
    expect([foreign.status, foreign.body.error.details.fields[0]?.field]).toEqual([400, 'storeIds.0']);
    const notManager = await owner.request('PUT', `/merchant/users/${world.owner.id}/stores`, JSON.stringify({ storeIds: [world.stores.a.id] }), 'application/json');
    expect([notManager.status, errorCode(notManager)]).toEqual([409, 'NOT_A_MANAGER']);
    expect((await manager.request('PATCH', `/merchant/stores/${world.stores.a.id}`, JSON.stringify({ name: 'x' }), 'application/json')).status).toBe(403);
  });

  it('pages stores by creation time then id: every store exactly once when the two orders disagree', async () => {
    const db = ctx.running.server.db;
    const merchant = await createMerchant(db, { name: '分页商户' });
    const base = Date.parse('2026-01-01T00:00:00.000Z');
    // Ids fall while times rise, and pairs share a time: ordering by either column alone would differ.
    const rows = Array.from({ length: 7 }, (_, i) => ({
      merchant_id: merchant.id,
      id: `store-${String.fromCharCode(122 - i)}`,
      name: `S${i}`,
      created_at: new Date(base + Math.floor(i / 2) * 1000).toISOString(),
    }));
    await db.kysely.insertInto('stores').values(rows).execute();
    const { addMerchantUser } = await import('../../../server/repositories/backoffice/merchant-user-setup');
    const login = `paging${process.pid}${Date.now()}@main.test`;
    await addMerchantUser(db, merchant.id, { login, name: '分页', role: 'owner', password: 'paging-secret-1' });
    const res = await new ApiClient(ctx.running.server).post<{ token: string }>('/merchant/login', await loginBody(db, login, 'paging-secret-1'));
    const client = new ApiClient(ctx.running.server, res.body.token);

    const seen = await allPages<StoreBody>(client, '/merchant/stores', 2);
    const expected = [...rows].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id)).map((r) => r.id);
    expect(seen.map((s) => s.id)).toEqual(expected);
    const bad = await client.get('/merchant/stores?cursor=bm90LWEtY3Vyc29y');
    expect([bad.status, errorCode(bad)]).toEqual([400, 'CURSOR_INVALID']);
  });
});
