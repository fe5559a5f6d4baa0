import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiUrl, createHttpClient } from '../../../../renderer/shared/api/http-client';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  server = undefined;
});

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

async function serve(handler: Handler): Promise<string> {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};
const Echo = z.object({ method: z.string(), url: z.string(), auth: z.string().nullable(), body: z.unknown() });

describe('the POS HTTP client', () => {
  it('sends JSON with the bearer token under /api/v1 and checks the answer', async () => {
    const baseUrl = await serve((req, body, res) =>
      json(res, 200, { method: req.method, url: req.url, auth: req.headers.authorization ?? null, body: JSON.parse(body) }),
    );
    const request = createHttpClient({ baseUrl: `${baseUrl}/`, token: 'tok-1' });
    const answer = await request({ method: 'POST', path: '/vouchers/prepare', body: { code: '1' }, schema: Echo });
    expect(answer).toEqual({
      ok: true,
      value: { method: 'POST', url: '/api/v1/vouchers/prepare', auth: 'Bearer tok-1', body: { code: '1' } },
    });
  });

  it('turns the server’s error body into its code', async () => {
    const baseUrl = await serve((_req, _body, res) => json(res, 409, { error: { code: 'VOUCHER_EXHAUSTED', message: 'used up' } }));
    const answer = await createHttpClient({ baseUrl })({ method: 'GET', path: '/x', schema: Echo });
    expect(answer).toEqual({ ok: false, code: 'VOUCHER_EXHAUSTED', message: 'used up' });
  });

  it('keeps the fields a VALIDATION_FAILED names, so a form can mark them, and sends PATCH bodies', async () => {
    const fields = [{ field: 'name', message: 'required' }, { field: 'storeIds.0', message: 'no such store' }];
    const baseUrl = await serve((req, body, res) =>
      json(res, 400, { error: { code: 'VALIDATION_FAILED', message: `${req.method} ${body}`, details: { fields: [...fields, { field: 7 }] } } }),
    );
    const answer = await createHttpClient({ baseUrl })({ method: 'PATCH', path: '/x', body: { name: '' }, schema: Echo });
    expect(answer).toEqual({ ok: false, code: 'VALIDATION_FAILED', message: 'PATCH {"name":""}', fields });
  });

  it('maps answers without a known code by their status', async () => {
    const cases: [number, unknown, string][] = [
      [401, null, 'UNAUTHORIZED'],
      [429, { error: { code: 'NEW_CODE', message: 'm' } }, 'RATE_LIMITED'],
      [503, 'down', 'UNAVAILABLE'],
      [502, null, 'INTERNAL'],
      [418, { nope: true }, 'BAD_RESPONSE'],
    ];
    for (const [status, body, code] of cases) {
      const baseUrl = await serve((_req, _b, res) => json(res, status, body));
      const answer = await createHttpClient({ baseUrl })({ method: 'GET', path: '/x', schema: Echo });
      expect(answer.ok ? null : answer.code, String(status)).toBe(code);
      server!.closeAllConnections();
      await new Promise((done) => server!.close(done));
      server = undefined;
    }
  });

  it('refuses a 200 whose shape does not match the contract', async () => {
    const baseUrl = await serve((_req, _body, res) => json(res, 200, { unexpected: true }));
    const answer = await createHttpClient({ baseUrl })({ method: 'GET', path: '/x', schema: Echo });
    expect(answer).toMatchObject({ ok: false, code: 'BAD_RESPONSE' });
  });

  it('gives up after its timeout when the server never answers', async () => {
    const baseUrl = await serve(() => undefined);
    const answer = await createHttpClient({ baseUrl, timeoutMs: 150 })({ method: 'GET', path: '/x', schema: Echo });
    expect(answer).toEqual({ ok: false, code: 'NETWORK_TIMEOUT', message: 'no answer within 150 ms' });
  });

  it('reports an unreachable server', async () => {
    const baseUrl = await serve(() => undefined);
    server!.close();
    server = undefined;
    const answer = await createHttpClient({ baseUrl })({ method: 'GET', path: '/x', schema: Echo });
    expect(answer).toMatchObject({ ok: false, code: 'NETWORK_UNREACHABLE' });
  });

  it('builds API addresses from a server root with or without a slash', () => {
    expect(apiUrl('http://h:1', '/health')).toBe('http://h:1/api/v1/health');
    expect(apiUrl('http://h:1/base//', '/health')).toBe('http://h:1/base/api/v1/health');
  });
});
