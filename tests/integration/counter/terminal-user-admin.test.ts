import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StorePolicyRow, TerminalUserRow, type Change } from '../../../core/sync';
import { addTerminalUser } from '../../../server/counter/terminal-users';
import { pinMatches } from '../../../renderer/staff/manager-pin';
import { errorCode, type ApiClient, type ApiResponse } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import { buildSyncWorld, MANAGER_PIN, OWNER_PASSWORD, signIn, startSyncServer, type SyncServer, type SyncWorld } from '../sync/support/sync-world';
import { approval, count, openShift, query, send } from './support/counter-entries';

interface UserView {
  userId: string;
  storeId: string;
  name: string;
  role: string;
  active: boolean;
  lockedUntil: string | null;
}

describe.each(BACKENDS)('merchant admin of terminal users (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;
  let managerClient: ApiClient;
  /** The A1 terminal's pull cursor: each test reads the tail from where the last one left off. */
  let cursor: string;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
    managerClient = await signIn(s.server, w.manager.login, OWNER_PASSWORD);
    cursor = (await w.a1.pullAll()).cursor;
  });
  afterAll(async () => {
    await s?.stop();
  });

  const add = (client: ApiClient, storeId: string, body: unknown) => client.post<UserView>(`/merchant/stores/${storeId}/terminal-users`, body);
  const change = (client: ApiClient, userId: string, action: string, body?: unknown) => client.post<UserView>(`/merchant/terminal-users/${userId}/${action}`, body ?? {});
  const pinCheck = (userId: string, pin: string) => w.a1.client.post<{ user?: { id: string; role: string } }>('/terminal/pin-check', { userId, pin });

  /** What terminal A1 learns from the tail since the last call: the last change per row, as its mirror keeps it. */
  async function pulled(): Promise<Change[]> {
    const tail = await w.a1.pullAll(cursor);
    cursor = tail.cursor;
    return [...new Map(tail.changes.map((c) => [`${c.kind}:${c.id}`, c])).values()];
  }
  const userChange = (changes: Change[], id: string) => changes.find((c) => c.kind === 'terminal_user' && c.id === id);
  const managersIn = (changes: Change[]) => StorePolicyRow.parse(changes.find((c) => c.kind === 'store_policy')?.data).managers?.map((m) => m.managerId) ?? [];
  const audits = (subjectId: string) =>
    query(s.server.db, `SELECT action, actor_type, actor_id, details FROM audit_log WHERE merchant_id = ? AND subject_id = ? ORDER BY at, id`, [w.merchant.id, subjectId]);

  it('adds a cashier with a hashed PIN; terminal A1 pulls the user and signs them in with that PIN, offline and online', async () => {
    const res = await add(w.merchantClient, w.stores.a.id, { name: '  小刘 ', role: 'cashier', pin: '482910' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ storeId: w.stores.a.id, name: '小刘', role: 'cashier', active: true, lockedUntil: null });
    const id = res.body.userId;
    const [row] = await query(s.server.db, `SELECT pin_hash, pin_verifier FROM terminal_users WHERE id = ?`, [id]);
    expect(String(row?.['pin_hash'])).toMatch(/^scrypt\$/);
    expect(String(row?.['pin_verifier'])).toMatch(/^pbkdf2-sha256\$/);
    expect(JSON.stringify(await query(s.server.db, `SELECT * FROM audit_log WHERE merchant_id = ?`, [w.merchant.id]))).not.toContain('482910');

    const user = TerminalUserRow.parse(userChange(await pulled(), id)?.data);
    expect(user).toMatchObject({ userId: id, storeId: w.stores.a.id, name: '小刘', role: 'cashier' });
    // The counter signs staff in offline against the pulled verifier (renderer/staff/manager-pin.ts).
    expect(await pinMatches('482910', user.pinVerifier)).toBe(true);
    expect(await pinMatches('482911', user.pinVerifier)).toBe(false);
    expect(await pinCheck(id, '482910')).toMatchObject({ status: 200, body: { user: { id, role: 'cashier' } } });
    expect((await w.b1.pullAll()).changes.filter((c) => c.id === id)).toEqual([]);

    const listed = await w.merchantClient.get<{ users: UserView[] }>(`/merchant/stores/${w.stores.a.id}/terminal-users`);
    expect(listed.body.users.map((u) => u.userId)).toContain(id);
    expect(JSON.stringify(listed.body)).not.toMatch(/pin|scrypt|pbkdf2/i);
    expect(await audits(id)).toEqual([
      { action: 'terminal_user.add', actor_type: 'user', actor_id: w.owner.id, details: JSON.stringify({ storeId: w.stores.a.id, name: '小刘', role: 'cashier' }) },
    ]);
  });

  it('changes a PIN: terminals get the new verifier, the old PIN stops working, and a lockout is lifted', async () => {
    const id = (await add(w.merchantClient, w.stores.a.id, { name: '小周', role: 'cashier', pin: '1357' })).body.userId;
    // Brute force still locks the user out after the merchant's number of misses (5 by default).
    for (let i = 0; i < 4; i++) expect(errorCode(await pinCheck(id, '0000'))).toBe('PIN_INVALID');
    expect(errorCode(await pinCheck(id, '0000'))).toBe('PIN_LOCKED');
    expect(await pinCheck(id, '1357')).toMatchObject({ status: 429 });
    expect((await w.merchantClient.get<{ users: UserView[] }>(`/merchant/stores/${w.stores.a.id}/terminal-users`)).body.users.find((u) => u.userId === id)?.lockedUntil).not.toBeNull();

    expect(await change(w.merchantClient, id, 'pin', { pin: '97531' })).toMatchObject({ status: 200, body: { lockedUntil: null } });
    const user = TerminalUserRow.parse(userChange(await pulled(), id)?.data);
    expect(await pinMatches('97531', user.pinVerifier)).toBe(true);
    expect(await pinMatches('1357', user.pinVerifier)).toBe(false);
    expect(errorCode(await pinCheck(id, '1357'))).toBe('PIN_INVALID');
    expect((await pinCheck(id, '97531')).status).toBe(200);
    // …and the new PIN is guarded the same way.
    for (let i = 0; i < 4; i++) expect(errorCode(await pinCheck(id, '1111'))).toBe('PIN_INVALID');
    expect(errorCode(await pinCheck(id, '1111'))).toBe('PIN_LOCKED');
    expect(errorCode(await pinCheck(id, '97531'))).toBe('PIN_LOCKED');
    expect((await audits(id)).map((a) => a['action'])).toEqual(['terminal_user.add', 'terminal_user.pin_change']);
  });

  it('promotes to manager and back: the store policy lists the approver, and the server accepts a pay-out they approve', async () => {
    const id = (await add(w.merchantClient, w.stores.a.id, { name: '老陈', role: 'cashier', pin: '864200' })).body.userId;
    await pulled();
    expect(await change(w.merchantClient, id, 'role', { role: 'manager' })).toMatchObject({ status: 200, body: { role: 'manager' } });
    const promoted = await pulled();
    expect(TerminalUserRow.parse(userChange(promoted, id)?.data).role).toBe('manager');
    expect(managersIn(promoted)).toContain(id);
    const shift = openShift(20000);
    expect((await send(w.a1, 'shift.open@1', shift)).status).toBe('applied');
    const payOut = (amountFen: number) => ({ moveId: crypto.randomUUID(), shiftId: shift.shiftId, direction: 'out', amountFen, reason: '采购', approval: approval(id) });
    expect((await send(w.a1, 'cash.move@1', payOut(3000))).status).toBe('applied');

    expect(await change(w.merchantClient, id, 'role', { role: 'cashier' })).toMatchObject({ status: 200, body: { role: 'cashier' } });
    expect(managersIn(await pulled())).not.toContain(id);
    // Asking for the role it already has changes and audits nothing.
    expect((await change(w.merchantClient, id, 'role', { role: 'cashier' })).status).toBe(200);
    expect((await audits(id)).map((a) => [a['action'], a['details']])).toEqual([
      ['terminal_user.add', expect.any(String)],
      ['terminal_user.role_change', JSON.stringify({ storeId: w.stores.a.id, from: 'cashier', to: 'manager' })],
      ['terminal_user.role_change', JSON.stringify({ storeId: w.stores.a.id, from: 'manager', to: 'cashier' })],
    ]);
  });

  it('disables a user: gone from the terminal, no sign-in, no approvals listed; enabling brings them back', async () => {
    const id = (await add(w.merchantClient, w.stores.a.id, { name: '王店长', role: 'manager', pin: '5172' })).body.userId;
    expect(managersIn(await pulled())).toContain(id);
    expect(await change(w.merchantClient, id, 'disable')).toMatchObject({ status: 200, body: { active: false } });
    const gone = await pulled();
    expect(userChange(gone, id)).toMatchObject({ op: 'delete' });
    expect(managersIn(gone)).not.toContain(id);
    expect(errorCode(await pinCheck(id, '5172'))).toBe('PIN_INVALID');
    expect((await w.a1.pullAll()).changes.filter((c) => c.kind === 'terminal_user').map((c) => c.id)).not.toContain(id);

    expect(await change(w.merchantClient, id, 'enable')).toMatchObject({ status: 200, body: { active: true } });
    const back = await pulled();
    expect(userChange(back, id)).toMatchObject({ op: 'upsert' });
    expect(managersIn(back)).toContain(id);
    expect((await pinCheck(id, '5172')).status).toBe(200);
    expect((await audits(id)).map((a) => [a['action'], a['actor_id']])).toEqual([
      ['terminal_user.add', w.owner.id], ['terminal_user.disable', w.owner.id], ['terminal_user.enable', w.owner.id],
    ]);
  });

  it('refuses bad input with stable codes and changes nothing', async () => {
    const before = await count(s.server.db, 'terminal_users', 'merchant_id = ?', [w.merchant.id]);
    for (const pin of ['123', '1234567', 'abcd', '12 34', 1234]) {
      expect(errorCode(await add(w.merchantClient, w.stores.a.id, { name: '甲', role: 'cashier', pin }))).toBe('PIN_FORMAT_INVALID');
    }
    const bad = [{ name: '', role: 'cashier', pin: '1234' }, { name: '甲', role: 'owner', pin: '1234' }, { name: '甲', role: 'cashier', pin: '1234', admin: true }, { name: 'x'.repeat(51), role: 'cashier', pin: '1234' }];
    for (const body of bad) expect(await add(w.merchantClient, w.stores.a.id, body)).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    const malformed = await w.merchantClient.request('POST', `/merchant/stores/${w.stores.a.id}/terminal-users`, '{"name":', 'application/json');
    expect(errorCode(malformed)).toBe('MALFORMED_JSON');
    // The counter tells staff apart by PIN alone: one PIN per person per store (the back-office manager's too).
    expect(await add(w.merchantClient, w.stores.a.id, { name: '乙', role: 'cashier', pin: MANAGER_PIN })).toMatchObject({ status: 409, body: { error: { code: 'PIN_TAKEN' } } });
    expect(errorCode(await add(w.merchantClient, w.stores.a.id, { name: '乙', role: 'cashier', pin: '482910' }))).toBe('PIN_TAKEN');
    const taken = (await add(w.merchantClient, w.stores.a.id, { name: '丙', role: 'cashier', pin: '246810' })).body.userId;
    expect(errorCode(await change(w.merchantClient, taken, 'pin', { pin: '482910' }))).toBe('PIN_TAKEN');
    expect(errorCode(await change(w.merchantClient, taken, 'pin', { pin: '12' }))).toBe('PIN_FORMAT_INVALID');
    expect(errorCode(await change(w.merchantClient, taken, 'role', { role: 'boss' }))).toBe('VALIDATION_FAILED');
    // Another store may use the same PIN.
    expect((await add(w.merchantClient, w.stores.b.id, { name: '丁', role: 'cashier', pin: '482910' })).status).toBe(200);
    expect(await count(s.server.db, 'terminal_users', 'merchant_id = ?', [w.merchant.id])).toBe(before + 2);
  });

  it('answers 404 for another merchant’s users and stores, 403 to a manager outside their store, 401 without sign-in', async () => {
    const foreign = await addTerminalUser(s.server.db, w.other.merchant.id, { storeId: w.other.store.id, name: '别家', role: 'manager', pin: '1234' });
    const responses: ApiResponse[] = [];
    for (const action of ['pin', 'role', 'disable', 'enable']) {
      const res = await change(w.merchantClient, foreign.id, action, action === 'pin' ? { pin: '4321' } : action === 'role' ? { role: 'cashier' } : undefined);
      expect(res).toMatchObject({ status: 404, body: { error: { code: 'USER_NOT_FOUND' } } });
      responses.push(res);
    }
    expect(await change(w.merchantClient, 'no-such-user', 'disable')).toMatchObject({ status: 404 });
    expect(await add(w.merchantClient, w.other.store.id, { name: '甲', role: 'cashier', pin: '9999' })).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect((await w.merchantClient.get(`/merchant/stores/${w.other.store.id}/terminal-users`)).status).toBe(404);
    const [foreignRow] = await query(s.server.db, `SELECT role, active FROM terminal_users WHERE id = ?`, [foreign.id]);
    expect(foreignRow).toEqual({ role: 'manager', active: 1 });

    // w.manager manages store A only.
    const atA = await add(managerClient, w.stores.a.id, { name: '小赵', role: 'cashier', pin: '3141' });
    expect(atA.status).toBe(200);
    expect((await change(managerClient, atA.body.userId, 'disable')).status).toBe(200);
    expect((await audits(atA.body.userId)).map((a) => a['actor_id'])).toEqual([w.manager.id, w.manager.id]);
    expect(errorCode(await add(managerClient, w.stores.b.id, { name: '小钱', role: 'cashier', pin: '3142' }))).toBe('FORBIDDEN');
    expect(errorCode(await managerClient.get(`/merchant/stores/${w.stores.b.id}/terminal-users`))).toBe('FORBIDDEN');
    const atB = (await add(w.merchantClient, w.stores.b.id, { name: '小孙', role: 'cashier', pin: '3143' })).body.userId;
    expect(errorCode(await change(managerClient, atB, 'pin', { pin: '3144' }))).toBe('FORBIDDEN');
    expect((await w.merchantClient.withToken(undefined).get(`/merchant/stores/${w.stores.a.id}/terminal-users`)).status).toBe(401);
    expect(responses.every((r) => r.status < 500)).toBe(true);
  });
});
