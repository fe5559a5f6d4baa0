import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMerchantUser } from '../../../server/repositories/backoffice/merchant-user-setup';
import { createMerchant } from '../../../server/repositories/merchant-setup';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import { auditRows, backofficeSnapshot, signIn, startSignedInBackoffice } from './support/backoffice-world';

interface UserBody {
  id: string;
  login: string;
  role: string;
  storeIds: string[];
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

let serial = 0;
const login = (role: string) => `${role}${process.pid}x${++serial}@roles.test`;

describe.each(BACKENDS)('back-office users and roles (%s)', (kind) => {
  let ctx: Awaited<ReturnType<typeof startSignedInBackoffice>>;
  beforeAll(async () => {
    ctx = await startSignedInBackoffice(kind);
  });
  afterAll(async () => {
    await ctx?.running.stop();
  });

  it('creates finance and support users who can sign in and do their part only', async () => {
    const { owner, world } = ctx;
    for (const role of ['finance', 'support'] as const) {
      const name = login(role);
      const res = await owner.post<UserBody>('/merchant/users', { login: name, name: role, role, password: 'a-long-password' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ role, storeIds: [] });
      const client: ApiClient = await signIn(ctx.running.server, name, 'a-long-password');
      expect((await client.get('/merchant/stores')).status).toBe(200);
      const denied = await client.post(`/merchant/stores/${world.stores.a.id}/terminals`, { name: 'x' });
      expect([denied.status, errorCode(denied)]).toEqual([403, 'FORBIDDEN']);
    }
  });

  it('creates a manager with stores, changes them, and drops them when the role changes', async () => {
    const { owner, world } = ctx;
    const created = await owner.post<UserBody>('/merchant/users', {
      login: login('manager'), name: '店长', role: 'manager', password: 'a-long-password', storeIds: [world.stores.b.id, world.stores.a.id, world.stores.a.id],
    });
    expect(created.status).toBe(200);
    expect(created.body.storeIds).toEqual([world.stores.a.id, world.stores.b.id].sort());
    const createAudit = (await auditRows(ctx.running.server.db, world.merchant.id)).find((r) => r.subject_id === created.body.id);
    expect(createAudit?.details).toMatchObject({ role: 'manager', storeIds: expect.arrayContaining([world.stores.a.id]) });

    const narrowed = await owner.request<UserBody>('PUT', `/merchant/users/${created.body.id}/stores`, JSON.stringify({ storeIds: [world.stores.b.id] }), 'application/json');
    expect(narrowed.body.storeIds).toEqual([world.stores.b.id]);
    const promoted = await owner.post<UserBody>(`/merchant/users/${created.body.id}/role`, { role: 'finance' });
    expect(promoted.body).toMatchObject({ role: 'finance', storeIds: [] });
    const audit = (await auditRows(ctx.running.server.db, world.merchant.id)).filter((r) => r.subject_id === created.body.id).map((r) => r.action);
    expect(audit).toEqual(expect.arrayContaining(['merchant_user.create', 'merchant_user.stores_set', 'merchant_user.role_change']));
  });

  it('lets a manager run the counter staff of a store assigned here, and only there', async () => {
    const { owner, manager, world } = ctx;
    const staff = (storeId: string) => manager.post(`/merchant/stores/${storeId}/terminal-users`, { name: '小李', role: 'cashier', pin: '4821' });
    await owner.request('PUT', `/merchant/users/${world.manager.id}/stores`, JSON.stringify({ storeIds: [] }), 'application/json');
    expect(errorCode(await staff(world.stores.b.id))).toBe('FORBIDDEN');
    await owner.request('PUT', `/merchant/users/${world.manager.id}/stores`, JSON.stringify({ storeIds: [world.stores.b.id] }), 'application/json');
    expect((await staff(world.stores.b.id)).status).toBe(200);
    expect(errorCode(await staff(world.stores.a.id))).toBe('FORBIDDEN');
  });

  it('refuses stores for a non-manager and unknown or foreign stores, writing nothing', async () => {
    const { owner, world } = ctx;
    const before = await backofficeSnapshot(ctx.running.server.db);
    const base = { name: 'x', password: 'a-long-password' };
    for (const [body, field] of [
      [{ ...base, login: login('finance'), role: 'finance', storeIds: [world.stores.a.id] }, 'storeIds'],
      [{ ...base, login: login('manager'), role: 'manager', storeIds: [world.other.store.id] }, 'storeIds.0'],
      [{ ...base, login: login('manager'), role: 'manager', storeIds: [world.stores.a.id, 'no-such-store'] }, 'storeIds.1'],
      [{ ...base, login: login('cashier'), role: 'cashier' }, 'role'],
    ] as const) {
      const res = await owner.post<{ error: { code: string; details: { fields: { field: string }[] } } }>('/merchant/users', body);
      expect([res.status, res.body.error.details.fields.map((f) => f.field)], JSON.stringify(body)).toEqual([400, [field]]);
    }
    expect(await backofficeSnapshot(ctx.running.server.db)).toEqual(before);
  });

  it('pages users by creation time then id: every user exactly once when the two orders disagree', async () => {
    const db = ctx.running.server.db;
    const merchant = await createMerchant(db, { name: '用户分页' });
    const at = (i: number) => new Date(Date.parse('2026-02-01T00:00:00.000Z') + Math.floor(i / 2) * 1000);
    const ids: { id: string; createdAt: string }[] = [];
    for (let i = 0; i < 7; i++) {
      const user = await addMerchantUser(db, merchant.id, { login: login(`page${i}`), name: `u${i}`, role: i === 0 ? 'owner' : 'support', password: 'paging-secret-1' }, at(i));
      ids.push({ id: user.id, createdAt: at(i).toISOString() });
    }
    // Ids are time-ordered UUIDs: give them a reverse order to the creation times.
    const reversed = [...ids].map((u) => u.id).reverse();
    for (const [i, u] of ids.entries()) {
      await db.kysely.updateTable('merchant_users').set({ id: `z-${reversed[i]}` }).where('id', '=', u.id).execute();
      u.id = `z-${reversed[i]}`;
    }
    const owner = await signIn(ctx.running.server, (await db.kysely.selectFrom('merchant_users').select('login').where('merchant_id', '=', merchant.id).where('role', '=', 'owner').executeTakeFirstOrThrow()).login, 'paging-secret-1');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: Page<UserBody> } = await owner.get<Page<UserBody>>(`/merchant/users?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((u) => u.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)).map((u) => u.id));
  });
});
