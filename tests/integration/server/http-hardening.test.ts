import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../server/http/body-limit';
import { addMerchantUser } from '../../../server/repositories/backoffice/merchant-user-setup';
import type { RunningServer } from '../../../server/server';
import { ApiClient, errorCode } from '../../support/server/api-client';
import { loginBody } from '../../support/server/login-body';
import { startWorldServer } from '../../support/server/world';

/** A request that declares a body of `length` bytes and sends none: the answer must come first. */
function declaredBody(server: RunningServer, method: string, path: string, length: number): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const url = new URL(`${server.url}/api/v1${path}`);
  return new Promise((done, failed) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method, headers: { 'content-type': 'application/json', 'content-length': String(length) } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => done({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', failed);
    req.flushHeaders();
  });
}

describe('HTTP hardening', () => {
  let started: Awaited<ReturnType<typeof startWorldServer>>;
  let ownerToken: string;
  beforeAll(async () => {
    started = await startWorldServer('sqlite');
    const login = `hardening${process.pid}@main.test`;
    await addMerchantUser(started.server.db, started.world.merchant.id, { login, name: '店主', role: 'owner', password: 'hardening-secret-1' });
    const res = await new ApiClient(started.server).post<{ token: string }>('/merchant/login', await loginBody(started.server.db, login, 'hardening-secret-1'));
    ownerToken = res.body.token;
  });
  afterAll(async () => {
    await started?.server.stop();
    await started?.backend.cleanup();
  });

  it('accepts the Bearer scheme in any case, for terminals and back-office users alike (RFC 7235)', async () => {
    const terminalToken = started.clients[0]!.token!;
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      const terminal = await fetch(`${started.server.url}/api/v1/terminals/me`, { headers: { authorization: `${scheme} ${terminalToken}` } });
      expect(terminal.status, scheme).toBe(200);
      const merchant = await fetch(`${started.server.url}/api/v1/merchant/me`, { headers: { authorization: `${scheme} ${ownerToken}` } });
      expect(merchant.status, scheme).toBe(200);
    }
    // The hot redeem route reads the header itself: a lower-case scheme reaches the voucher check.
    const redeem = await fetch(`${started.server.url}/api/v1/vouchers/redeem`, {
      method: 'POST',
      headers: { authorization: `bearer ${terminalToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ redemptionId: randomUUID(), code: '123456789018', count: 1, cashierId: 'c1' }),
    });
    expect(redeem.status).not.toBe(401);
    for (const header of [`Basic ${terminalToken}`, `Bearer${terminalToken}`, terminalToken]) {
      const res = await fetch(`${started.server.url}/api/v1/terminals/me`, { headers: { authorization: header } });
      expect(res.status, header).toBe(401);
    }
  });

  it('sends security headers on API answers (hot routes too) and on /admin', async () => {
    const answers = [
      await fetch(`${started.server.url}/api/v1/health`),
      await fetch(`${started.server.url}/api/v1/nothing-here`),
      await fetch(`${started.server.url}/api/v1/flash-sales/${randomUUID()}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    ];
    for (const res of answers) {
      expect(res.headers.get('x-content-type-options'), res.url).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    }
    const admin = await fetch(`${started.server.url}/admin/`);
    const csp = admin.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(admin.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers a declared body over the limit with 413 PAYLOAD_TOO_LARGE on every route, before credentials or parsing', async () => {
    for (const [method, path] of [
      ['GET', '/health'],
      ['POST', '/vouchers/redeem'],
      ['POST', '/merchant/login'],
      ['PUT', '/merchant/catalog'],
      ['POST', '/sync/push'],
      ['POST', '/channels/douyin/events'],
      ['POST', '/merchant/campaigns'],
    ] as const) {
      const res = await declaredBody(started.server, method, path, MAX_BODY_BYTES + 1);
      expect([res.status, (JSON.parse(res.body) as { error: { code: string } }).error.code], `${method} ${path}`).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    }
    // Within the global limit, each route's own parser still bounds its body.
    const big = await started.clients[0]!.post('/vouchers/prepare', { code: 'x'.repeat(40 * 1024) });
    expect([big.status, errorCode(big)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('refuses an outbox entry whose intent name is longer than 64 characters, and stores nothing', async () => {
    const terminal = started.clients[0]!;
    const entry = { seq: 1, clientId: randomUUID(), intent: `a.${'b'.repeat(5000)}@1`, args: {}, deviceTime: new Date().toISOString() };
    const res = await terminal.post('/sync/push', { deviceId: started.world.terminals.a1.id, entries: [entry] });
    expect([res.status, errorCode(res)]).toEqual([400, 'VALIDATION_FAILED']);
    const stored = await started.server.db.kysely.selectFrom('push_results').select('intent').execute();
    expect(stored.filter((r) => r.intent.length > 64)).toEqual([]);
  });
});
