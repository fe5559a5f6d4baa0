import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MerchantSession } from '../../../server/repositories/backoffice/merchant-session';
import { changeUser } from '../../../server/use-cases/backoffice/change-user';
import { createBackofficeDeps } from '../../../server/use-cases/backoffice/deps';
import { ApiClient, errorCode } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import {
  auditRows,
  backofficeSnapshot,
  buildBackofficeWorld,
  PASSWORDS,
  signIn,
  startBackofficeServer,
  type BackofficeServer,
} from './support/backoffice-world';

interface UserBody {
  id: string;
  login: string;
  name: string;
  role: string;
  disabled: boolean;
}

interface FieldErrors {
  error: { code: string; details: { fields: { field: string; message: string }[] } };
}

describe.each(BACKENDS)('merchant users (%s)', (kind) => {
  let running: BackofficeServer;

  beforeAll(async () => {
    running = await startBackofficeServer(kind);
  });
  afterAll(async () => {
    await running?.stop();
  });

  const setUp = async () => {
    const world = await buildBackofficeWorld(running.server.db);
    const owner = await signIn(running.server, world.owner.login, PASSWORDS.owner);
    const manager = await signIn(running.server, world.manager.login, PASSWORDS.manager);
    return { world, owner, manager };
  };

  it('lets an owner create a manager who can then sign in; the list never shows password hashes', async () => {
    const { world, owner } = await setUp();
    const login = `New.Person${Date.now()}@Main.Test`;
    const res = await owner.post<UserBody>('/merchant/users', { login, name: '新人', role: 'manager', password: 'a-long-password' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ login: login.toLowerCase(), name: '新人', role: 'manager', disabled: false });
    await signIn(running.server, login, 'a-long-password');

    const list = await owner.get<{ items: UserBody[] }>('/merchant/users');
    expect(list.body.items.map((u) => u.login)).toEqual([world.owner.login, world.manager.login, login.toLowerCase()]);
    expect(JSON.stringify(list.body)).not.toContain('scrypt');
    const audit = (await auditRows(running.server.db, world.merchant.id)).find((r) => r.action === 'merchant_user.create');
    expect(audit).toMatchObject({ actor_type: 'user', actor_id: world.owner.id, subject_id: res.body.id, details: { role: 'manager' } });
  });

  it('lets a manager read users but not change them', async () => {
    const { world, manager } = await setUp();
    expect((await manager.get('/merchant/users')).status).toBe(200);
    expect((await manager.get(`/merchant/users/${world.owner.id}`)).status).toBe(200);
    const before = await backofficeSnapshot(running.server.db);
    for (const res of [
      await manager.post('/merchant/users', { login: `x${Date.now()}@main.test`, name: 'x', role: 'owner', password: 'a-long-password' }),
      await manager.post(`/merchant/users/${world.manager.id}/role`, { role: 'owner' }),
      await manager.post(`/merchant/users/${world.owner.id}/disable`, {}),
      await manager.post(`/merchant/users/${world.owner.id}/password`, { password: 'a-long-password' }),
    ]) {
      expect([res.status, errorCode(res)]).toEqual([403, 'FORBIDDEN']);
    }
    expect(await backofficeSnapshot(running.server.db)).toEqual(before);
  });

  it('rejects every invalid user with 400, names the field, and writes nothing', async () => {
    const { world, owner } = await setUp();
    const good = { login: `valid${Date.now()}@main.test`, name: '新人', role: 'manager', password: 'a-long-password' };
    const before = await backofficeSnapshot(running.server.db);
    const cases: [unknown, string][] = [
      [{ ...good, login: 'not-an-email' }, 'login'],
      [{ ...good, login: '12345' }, 'login'],
      [{ ...good, name: '  ' }, 'name'],
      [{ ...good, role: 'cashier' }, 'role'],
      [{ ...good, password: 'short' }, 'password'],
      [{ ...good, password: ' padded-password ' }, 'password'],
      [{ ...good, password: 'x'.repeat(201) }, 'password'],
      [{ ...good, merchantId: world.other.merchant.id }, '(body)'],
      [{ name: 'x' }, 'login'],
    ];
    for (const [body, field] of cases) {
      const res = await owner.post<FieldErrors>('/merchant/users', body);
      expect([res.status, errorCode(res)], JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.body.error.details.fields.map((f) => f.field), JSON.stringify(body)).toContain(field);
    }
    const badRole = await owner.post<FieldErrors>(`/merchant/users/${world.manager.id}/role`, { role: 'boss' });
    expect([badRole.status, badRole.body.error.details.fields[0]?.field]).toEqual([400, 'role']);
    const badId = await owner.post(`/merchant/users/not-a-uuid/disable`, {});
    expect([badId.status, errorCode(badId)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await backofficeSnapshot(running.server.db)).toEqual(before);
  });

  it('refuses a login already used in the same merchant', async () => {
    const { world, owner } = await setUp();
    for (const login of [world.manager.login, world.manager.login.toUpperCase()]) {
      const res = await owner.post('/merchant/users', { login, name: 'x', role: 'manager', password: 'a-long-password' });
      expect([res.status, errorCode(res)], login).toEqual([409, 'LOGIN_TAKEN']);
    }
  });

  it('takes a login another merchant uses, saying nothing about it, and each signs in at its own merchant', async () => {
    const { world, owner } = await setUp();
    const login = world.other.owner.login;
    const res = await owner.post<UserBody>('/merchant/users', { login: login.toUpperCase(), name: '同名', role: 'finance', password: 'same-login-pass-1' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const anonymous = new ApiClient(running.server);
    const here = await anonymous.post<{ user: { id: string }; merchant: { id: string } }>('/merchant/login', { merchant: world.merchant.code, login, password: 'same-login-pass-1' });
    expect([here.status, here.body.merchant.id]).toEqual([200, world.merchant.id]);
    const there = await anonymous.post<{ merchant: { id: string } }>('/merchant/login', { merchant: world.other.merchant.code, login, password: PASSWORDS.other });
    expect([there.status, there.body.merchant.id]).toEqual([200, world.other.merchant.id]);
    // Each password opens only its own merchant's account.
    const crossed = await anonymous.post('/merchant/login', { merchant: world.other.merchant.code, login, password: 'same-login-pass-1' });
    expect(errorCode(crossed)).toBe('LOGIN_FAILED');
  });

  it('never lets the last active owner be demoted or disabled', async () => {
    const { world, owner } = await setUp();
    const before = await backofficeSnapshot(running.server.db);
    for (const res of [
      await owner.post(`/merchant/users/${world.owner.id}/role`, { role: 'manager' }),
      await owner.post(`/merchant/users/${world.owner.id}/disable`, {}),
    ]) {
      expect([res.status, errorCode(res)]).toEqual([409, 'LAST_OWNER']);
    }
    expect(await backofficeSnapshot(running.server.db)).toEqual(before);

    const promoted = await owner.post<UserBody>(`/merchant/users/${world.manager.id}/role`, { role: 'owner' });
    expect(promoted.body).toMatchObject({ role: 'owner' });
    const demoted = await owner.post<UserBody>(`/merchant/users/${world.owner.id}/role`, { role: 'manager' });
    expect(demoted.body).toMatchObject({ role: 'manager' });
    // The demoted user's session now carries the manager role at once.
    const stillSignedIn = await owner.post('/merchant/users', { login: `y${Date.now()}@main.test`, name: 'y', role: 'manager', password: 'a-long-password' });
    expect(errorCode(stillSignedIn)).toBe('FORBIDDEN');

    const newOwner = await signIn(running.server, world.manager.login, PASSWORDS.manager);
    const last = await newOwner.post(`/merchant/users/${world.manager.id}/disable`, {});
    expect(errorCode(last)).toBe('LAST_OWNER');
    const roleAudit = (await auditRows(running.server.db, world.merchant.id)).filter((r) => r.action === 'merchant_user.role_change');
    expect(roleAudit.map((r) => [r.subject_id, r.details])).toEqual([
      [world.manager.id, { from: 'manager', to: 'owner' }],
      [world.owner.id, { from: 'owner', to: 'manager' }],
    ]);
  });

  it('keeps one owner when two owners demote each other at the same time', async () => {
    const { world, owner } = await setUp();
    await owner.post(`/merchant/users/${world.manager.id}/role`, { role: 'owner' });
    // Straight to the use case, so both requests are past their role check before either writes.
    const deps = createBackofficeDeps({ db: running.server.db, logger: running.server.logger });
    const merchant = { id: world.merchant.id, code: world.merchant.code, name: world.merchant.name, timeZone: world.merchant.timeZone };
    const as = (user: { id: string; login: string; name: string }): MerchantSession => ({
      user: { ...user, role: 'owner' },
      merchant,
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all([
        changeUser(deps, as(world.owner), world.manager.id, { role: 'manager' }),
        changeUser(deps, as(world.manager), world.owner.id, { role: 'manager' }),
      ]);
      expect(answers.map((a) => (a.ok ? 'ok' : a.code)).sort()).toEqual(['LAST_OWNER', 'ok']);
      const owners = await running.server.db.kysely
        .selectFrom('merchant_users')
        .select('id')
        .where('merchant_id', '=', world.merchant.id)
        .where('role', '=', 'owner')
        .execute();
      expect(owners).toHaveLength(1);
      const demoted = answers[0]!.ok ? world.manager : world.owner;
      await changeUser(deps, as(owners[0]!.id === world.owner.id ? world.owner : world.manager), demoted.id, { role: 'owner' });
    }
  });

  it('disabling a user ends their sessions and their sign-in; enabling lets them back', async () => {
    const { world, owner, manager } = await setUp();
    const res = await owner.post<UserBody>(`/merchant/users/${world.manager.id}/disable`, {});
    expect(res.body).toMatchObject({ disabled: true });
    expect((await manager.get('/merchant/me')).status).toBe(401);
    const anonymous = new ApiClient(running.server);
    expect(errorCode(await anonymous.post('/merchant/login', { merchant: world.merchant.code, login: world.manager.login, password: PASSWORDS.manager }))).toBe('LOGIN_FAILED');
    expect((await owner.post<UserBody>(`/merchant/users/${world.manager.id}/enable`, {})).body).toMatchObject({ disabled: false });
    await signIn(running.server, world.manager.login, PASSWORDS.manager);
    const actions = (await auditRows(running.server.db, world.merchant.id)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['merchant_user.disable', 'merchant_user.enable']));
  });

  it('lets an owner set a forgotten password, which ends that user’s sessions', async () => {
    const { world, owner, manager } = await setUp();
    expect((await owner.post(`/merchant/users/${world.manager.id}/password`, { password: 'reset-by-owner' })).status).toBe(200);
    expect((await manager.get('/merchant/me')).status).toBe(401);
    await signIn(running.server, world.manager.login, 'reset-by-owner');
  });

  it('sees only the users of its own merchant', async () => {
    const { world, owner } = await setUp();
    const list = await owner.get<{ items: UserBody[] }>('/merchant/users');
    expect(list.body.items.map((u) => u.id)).toEqual([world.owner.id, world.manager.id]);
    const before = await backofficeSnapshot(running.server.db);
    const otherId = world.other.owner.id;
    for (const res of [
      await owner.get(`/merchant/users/${otherId}`),
      await owner.post(`/merchant/users/${otherId}/role`, { role: 'manager' }),
      await owner.post(`/merchant/users/${otherId}/disable`, {}),
      await owner.post(`/merchant/users/${otherId}/password`, { password: 'taken-over-now' }),
    ]) {
      expect([res.status, errorCode(res)]).toEqual([404, 'USER_NOT_FOUND']);
    }
    expect(await backofficeSnapshot(running.server.db)).toEqual(before);
  });
});
