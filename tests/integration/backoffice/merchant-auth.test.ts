import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintPairingCode } from '../../../server/repositories/pairing-repository';
import { ApiClient, errorCode } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import {
  auditRows,
  buildBackofficeWorld,
  PASSWORDS,
  signIn,
  startBackofficeServer,
  type BackofficeServer,
} from './support/backoffice-world';

interface SignedInBody {
  token: string;
  expiresAt: string;
  user: { id: string; login: string; name: string; role: string };
  merchant: { id: string; name: string; timeZone: string };
}

describe.each(BACKENDS)('merchant sign-in (%s)', (kind) => {
  let running: BackofficeServer;
  let anonymous: ApiClient;

  beforeAll(async () => {
    running = await startBackofficeServer(kind);
    anonymous = new ApiClient(running.server);
  });
  afterAll(async () => {
    await running?.stop();
  });

  const fresh = () => buildBackofficeWorld(running.server.db);

  it('signs an owner in, answers /me, and signs out for good', async () => {
    const world = await fresh();
    const res = await anonymous.post<SignedInBody>('/merchant/login', { merchant: ` ${world.merchant.code.toUpperCase()} `, login: ` ${world.owner.login.toUpperCase()} `, password: PASSWORDS.owner });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user: { id: world.owner.id, login: world.owner.login, name: '店主', role: 'owner' },
      merchant: { id: world.merchant.id, code: world.merchant.code, name: '后台商户', timeZone: 'Asia/Shanghai' },
    });
    expect(res.body).not.toHaveProperty('user.passwordHash');
    const client = anonymous.withToken(res.body.token);
    const me = await client.get<SignedInBody>('/merchant/me');
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(world.owner.id);

    const stored = await running.server.db.kysely.selectFrom('merchant_sessions').selectAll().where('user_id', '=', world.owner.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(res.body.token);

    expect((await client.post('/merchant/logout', {})).status).toBe(200);
    const after = await client.get('/merchant/me');
    expect([after.status, errorCode(after)]).toEqual([401, 'UNAUTHORIZED']);
    const actions = (await auditRows(running.server.db, world.merchant.id)).map((r) => r.action);
    expect(actions).toEqual(['merchant_user.login', 'merchant_user.logout']);
  });

  it('signs in with a phone number in any usual spelling', async () => {
    const world = await fresh();
    const phone = `139${String(Date.now()).slice(-8)}`;
    await running.server.db.kysely.updateTable('merchant_users').set({ login: phone }).where('id', '=', world.manager.id).execute();
    for (const spelling of [phone, `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`, `${phone.slice(0, 3)}-${phone.slice(3)}`]) {
      const res = await anonymous.post<SignedInBody>('/merchant/login', { merchant: world.merchant.code, login: spelling, password: PASSWORDS.manager });
      expect(res.status, spelling).toBe(200);
      expect(res.body.user).toMatchObject({ id: world.manager.id, role: 'manager' });
    }
  });

  it('gives a wrong password, an unknown login and a disabled user the same 401', async () => {
    const world = await fresh();
    await running.server.db.kysely.updateTable('merchant_users').set({ disabled: 1 }).where('id', '=', world.manager.id).execute();
    for (const body of [
      { merchant: world.merchant.code, login: world.owner.login, password: 'not-the-password' },
      { merchant: world.merchant.code, login: `nobody${Date.now()}@main.test`, password: PASSWORDS.owner },
      { merchant: world.merchant.code, login: world.manager.login, password: PASSWORDS.manager },
      { merchant: world.merchant.code, login: 'not a login', password: 'x' },
      // The right login and password under another merchant's code: that merchant has no such user.
      { merchant: world.other.merchant.code, login: world.owner.login, password: PASSWORDS.owner },
      { merchant: `nomerchant${Date.now()}`, login: world.owner.login, password: PASSWORDS.owner },
    ]) {
      const res = await anonymous.post('/merchant/login', body);
      expect(res.status, body.login).toBe(401);
      expect(res.body).toEqual({ error: { code: 'LOGIN_FAILED', message: 'the login or the password is wrong' } });
    }
    const failed = (await auditRows(running.server.db, world.merchant.id)).filter((r) => r.action === 'merchant_user.login_failed');
    expect(failed.map((r) => [r.subject_id, r.details['reason']])).toEqual([
      [world.owner.id, 'password'],
      [world.manager.id, 'disabled'],
    ]);
  });

  it('rejects a malformed body with 400 and field errors', async () => {
    for (const body of [{}, { merchant: 'demo', login: 'a@b.c' }, { merchant: 'demo', login: 'a@b.c', password: 'x', extra: 1 }, { merchant: 'demo', login: 5, password: 'x' }, { login: 'a@b.c', password: 'x' }]) {
      const res = await anonymous.post<{ error: { details: { fields: { field: string }[] } } }>('/merchant/login', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.fields.length).toBeGreaterThan(0);
    }
  });

  // Address failures are counted for an hour: each test starts past the last one's.
  const nextHour = () => running.clock.advance(2 * 60 * 60_000);
  const retryOf = (res: { headers: Headers; body: unknown }) => ({
    header: res.headers.get('retry-after'),
    details: (res.body as { error?: { details?: { retryAfterSeconds?: number } } }).error?.details?.retryAfterSeconds,
  });

  it('delays an account after 5 wrong passwords in a row, 1 s, 2 s, 4 s … up to a minute, and the right password works after each delay', async () => {
    nextHour();
    const world = await fresh();
    const attempt = (password: string) => anonymous.post('/merchant/login', { merchant: world.merchant.code, login: world.owner.login, password });
    for (let i = 0; i < 4; i++) expect(errorCode(await attempt(`wrong-${i}`))).toBe('LOGIN_FAILED');
    // A success in between starts the count again.
    expect((await attempt(PASSWORDS.owner)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect(errorCode(await attempt(`wrong-${i}`))).toBe('LOGIN_FAILED');

    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      expect(errorCode(await attempt(`wrong-again-${i}`))).toBe('LOGIN_FAILED');
      // Refused while the delay runs, even with the right password, and not counted as a failure.
      const waiting = await attempt(PASSWORDS.owner);
      expect([waiting.status, errorCode(waiting)]).toEqual([429, 'RATE_LIMITED']);
      const retry = retryOf(waiting);
      expect(retry.header).toBe(String(retry.details));
      delays.push(Number(retry.details));
      running.clock.advance(Number(retry.details) * 1000);
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    expect((await attempt(PASSWORDS.owner)).status).toBe(200);

    const rows = await auditRows(running.server.db, world.merchant.id);
    expect(rows.filter((r) => r.action === 'merchant_user.login_failed')).toHaveLength(16);
    const owner = await signIn(running.server, world.owner.login, PASSWORDS.owner);
    const alerts = await owner.get<{ items: { kind: string; subject: string; details: { retryAfterSeconds: number } }[] }>('/merchant/security-alerts');
    // Told when the delays start and when they reach their cap, not at every failure.
    expect(alerts.body.items.map((a) => [a.kind, a.subject, a.details.retryAfterSeconds])).toEqual([
      ['login.throttled', `account:${world.owner.login}`, 60],
      ['login.throttled', `account:${world.owner.login}`, 1],
    ]);
  }, 120_000);

  it('delays an unknown login name after 5 misses, as it would a real account', async () => {
    nextHour();
    const login = `ghost${Date.now()}@main.test`;
    for (let i = 0; i < 5; i++) expect(errorCode(await anonymous.post('/merchant/login', { merchant: 'ghosts', login, password: `guess-${i}` }))).toBe('LOGIN_FAILED');
    const res = await anonymous.post('/merchant/login', { merchant: 'ghosts', login, password: 'guess-6' });
    expect([res.status, errorCode(res), retryOf(res).details]).toEqual([429, 'RATE_LIMITED', 1]);
  }, 60_000);

  it('delays a client address after 20 failed logins, whatever login they name, then lets the right password in', async () => {
    nextHour();
    const world = await fresh();
    for (let i = 0; i < 20; i++) {
      const res = await anonymous.post('/merchant/login', { merchant: world.merchant.code, login: `ghost${i}-${Date.now()}@main.test`, password: 'guess' });
      expect(errorCode(res)).toBe('LOGIN_FAILED');
    }
    const blocked = await anonymous.post('/merchant/login', { merchant: world.merchant.code, login: world.owner.login, password: PASSWORDS.owner });
    expect([blocked.status, errorCode(blocked), retryOf(blocked).details]).toEqual([429, 'RATE_LIMITED', 1]);
    running.clock.advance(1_000);
    expect((await anonymous.post('/merchant/login', { merchant: world.merchant.code, login: world.owner.login, password: PASSWORDS.owner })).status).toBe(200);
  }, 120_000);

  it('expires a session after 12 hours', async () => {
    const world = await fresh();
    const client = await signIn(running.server, world.manager.login, PASSWORDS.manager);
    running.clock.advance(11 * 60 * 60_000);
    expect((await client.get('/merchant/me')).status).toBe(200);
    running.clock.advance(60 * 60_000 + 1_000);
    const expired = await client.get('/merchant/me');
    expect([expired.status, errorCode(expired)]).toEqual([401, 'UNAUTHORIZED']);
    expect(expired.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('keeps terminal tokens and merchant tokens apart', async () => {
    const world = await fresh();
    const { code } = await mintPairingCode(running.server.db, world.terminal.id, { now: running.clock.now() });
    const paired = await anonymous.post<{ token: string }>('/terminals/pair', { pairingCode: code });
    expect(paired.status).toBe(200);
    const terminal = anonymous.withToken(paired.body.token);
    const merchant = await signIn(running.server, world.owner.login, PASSWORDS.owner);

    for (const res of [await terminal.get('/merchant/me'), await terminal.get('/merchant/users'), await terminal.post('/merchant/logout', {})]) {
      expect([res.status, errorCode(res)]).toEqual([401, 'UNAUTHORIZED']);
    }
    for (const res of [await merchant.get('/terminals/me'), await merchant.post('/vouchers/prepare', { code: '123456789018' })]) {
      expect([res.status, errorCode(res)]).toEqual([401, 'UNAUTHORIZED']);
    }
    expect((await terminal.get('/terminals/me')).status).toBe(200);
    expect((await merchant.get('/merchant/me')).status).toBe(200);
  });

  it('changes its own password only with the current one, and ends its sessions', async () => {
    const world = await fresh();
    const client = await signIn(running.server, world.manager.login, PASSWORDS.manager);
    const wrong = await client.post('/merchant/me/password', { currentPassword: 'nope', newPassword: 'a-new-password-1' });
    expect([wrong.status, errorCode(wrong)]).toEqual([401, 'LOGIN_FAILED']);
    const weak = await client.post('/merchant/me/password', { currentPassword: PASSWORDS.manager, newPassword: 'short' });
    expect([weak.status, errorCode(weak)]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await client.post('/merchant/me/password', { currentPassword: PASSWORDS.manager, newPassword: 'a-new-password-1' })).status).toBe(200);
    expect((await client.get('/merchant/me')).status).toBe(401);
    expect((await anonymous.post('/merchant/login', { merchant: world.merchant.code, login: world.manager.login, password: PASSWORDS.manager })).status).toBe(401);
    await signIn(running.server, world.manager.login, 'a-new-password-1');
  });
});
