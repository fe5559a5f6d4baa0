import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { openDatabase } from '../../../server/db/database';
import { createLogger } from '../../../server/logger';
import { startServer, type RunningServer } from '../../../server/server';
import { ApiClient, errorCode } from '../../support/server/api-client';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { snapshot } from '../../support/server/db-state';
import { buildWorld, pairedClient, type World } from '../../support/server/world';

describe.each(BACKENDS)('HTTP edges (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let world: World;
  let anonymous: ApiClient;
  let paired: ApiClient;

  beforeAll(async () => {
    backend = createBackend(kind);
    server = await startServer({
      ...backend.options,
      port: 0,
      demo: false,
      logLevel: 'silent',
      corsOrigin: 'http://pos.example:5173',
    });
    world = await buildWorld(server.db);
    anonymous = new ApiClient(server);
    paired = await pairedClient(server, world.terminals.a1.id);
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  it('reports health and which database it uses, without auth', async () => {
    const res = await anonymous.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, db: kind });
  });

  it('answers 401 UNAUTHORIZED for a missing, malformed or unknown token and changes nothing', async () => {
    const voucher = await world.issue(world.campaigns.bothStores);
    const before = await snapshot(server.db);
    const body = { cashierId: 'cashier-1', redemptionId: crypto.randomUUID(), code: voucher.code, count: 1, deviceTime: new Date().toISOString() };
    for (const token of [undefined, 'short', 'x'.repeat(43), `${paired.token}a`]) {
      const client = anonymous.withToken(token);
      for (const res of [
        await client.get('/terminals/me'),
        await client.post('/vouchers/prepare', { code: voucher.code }),
        await client.post('/vouchers/redeem', body),
        await client.get(`/redemptions/${body.redemptionId}`),
      ]) {
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
        expect(errorCode(res)).toBe('UNAUTHORIZED');
      }
    }
    expect(await snapshot(server.db)).toEqual(before);
  });

  it('answers malformed JSON with 400 MALFORMED_JSON and changes nothing', async () => {
    const before = await snapshot(server.db);
    for (const text of ['{"code": ', 'not json', '"a string"', '{"code":"1"}}']) {
      const res = await paired.request('POST', '/vouchers/redeem', text, 'application/json');
      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('MALFORMED_JSON');
    }
    expect(await snapshot(server.db)).toEqual(before);
  });

  it('answers a body that is not JSON, or too big, with a client error', async () => {
    const notJson = await paired.request('POST', '/vouchers/prepare', 'code=123456789018', 'application/x-www-form-urlencoded');
    expect([notJson.status, errorCode(notJson)]).toEqual([400, 'VALIDATION_FAILED']);
    const big = JSON.stringify({ code: '1'.repeat(64), pad: 'x'.repeat(64 * 1024) });
    const tooBig = await paired.request('POST', '/vouchers/prepare', big, 'application/json');
    expect([tooBig.status, errorCode(tooBig)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('answers an undecodable path or body encoding with 400, never 500', async () => {
    for (const res of [
      await paired.get('/redemptions/%E0%A4%A'),
      await paired.request('POST', '/vouchers/prepare', '{}', 'application/json; charset=latin9'),
    ]) {
      expect([res.status, errorCode(res)]).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('answers unknown routes and methods with 404 NOT_FOUND in the error shape', async () => {
    for (const res of [
      await anonymous.get('/nothing-here'),
      await paired.get('/vouchers/redeem'),
      await paired.post('/health', {}),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    }
    const outside = await fetch(`${server.url}/robots.txt`);
    expect(outside.status).toBe(404);
    expect(await outside.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('lets the configured origin call the API with a bearer token (CORS)', async () => {
    const preflight = await fetch(`${server.url}/api/v1/vouchers/redeem`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://pos.example:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://pos.example:5173');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();

    const stranger = await fetch(`${server.url}/api/v1/health`, { headers: { origin: 'http://evil.example' } });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('an unexpected failure', () => {
  it('is a 500 INTERNAL without a stack, and is logged', async () => {
    const backend = createBackend('sqlite');
    const db = await openDatabase({ dataDir: backend.dataDir });
    const lines: string[] = [];
    const logger = createLogger('error', { write: (line: string) => void lines.push(line) });
    const http = createServer(createApp({ db, logger }));
    await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
    try {
      await db.close(); // every query now throws inside the app
      const client = new ApiClient({ url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` }, 'A'.repeat(43));
      const res = await client.get('/terminals/me');
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
      expect(lines.join('')).toContain('unexpected error');
      const health = await client.get('/health');
      expect([health.status, errorCode(health)]).toEqual([503, 'UNAVAILABLE']);
    } finally {
      await new Promise((done) => http.close(done));
      await backend.cleanup();
    }
  });
});
