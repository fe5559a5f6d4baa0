import { randomUUID } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVoucherCode } from '../../../core/voucher-code';
import { createUseCaseDeps } from '../../../server/app';
import { withHotRoutes } from '../../../server/http/hot-routes';
import { secureRandomBytes } from '../../../server/security/secrets';
import { startServer, type RunningServer } from '../../../server/server';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { snapshot } from '../../support/server/db-state';
import { fixedTier } from '../../support/server/limit-tiers';
import { buildWorld, pairedClient, type World } from '../../support/server/world';
import { rawPost, type RawAnswer } from '../sales/support/raw-post';

const ORIGIN = 'http://pos.example:5173';
const REDEEM = '/api/v1/vouchers/redeem';
const FIVE_MINUTES = 5 * 60_000;
const LIMITS = {
  perTerminal: [fixedTier(4, FIVE_MINUTES)],
  perStore: [fixedTier(1000, FIVE_MINUTES)],
  perAddress: [fixedTier(1000, FIVE_MINUTES)],
};


describe.each(BACKENDS)('voucher redeem hot route (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let world: World;
  let token: string;
  let hot: Server;
  let hotUrl: string;

  beforeAll(async () => {
    backend = createBackend(kind);
    server = await startServer({
      ...backend.options,
      port: 0,
      demo: false,
      logLevel: 'silent',
      corsOrigin: ORIGIN,
      sales: { jobs: false },
      lookupLimits: LIMITS,
    });
    world = await buildWorld(server.db);
    token = (await pairedClient(server, world.terminals.a1.id)).token!;
    // The hot routes in front of a stand-in for Express that answers 418: what reaches it was handed on.
    const teapot: RequestListener = (req, res) => {
      req.resume();
      res.writeHead(418).end('express');
    };
    const vouchers = createUseCaseDeps({ db: server.db, logger: server.logger, lookupLimits: LIMITS });
    hot = createServer(withHotRoutes(teapot, { sales: server.sales.deps, vouchers, logger: server.logger, corsOrigin: ORIGIN }));
    await new Promise<void>((done) => hot.listen(0, '127.0.0.1', done));
    hotUrl = `http://127.0.0.1:${(hot.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((done) => hot?.close(done));
    await server?.stop();
    await backend?.cleanup();
  });

  const json = { 'content-type': 'application/json' };
  const bearer = (t = token) => ({ ...json, authorization: `Bearer ${t}` });
  const redeemBody = (code: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ cashierId: 'cashier-1', redemptionId: randomUUID(), code, count: 1, deviceTime: new Date().toISOString(), ...extra });
  const unknownCode = () => generateVoucherCode(secureRandomBytes);
  const codeOf = async () => (await world.issue(world.campaigns.bothStores)).code;
  const errorOf = (res: RawAnswer) => (JSON.parse(res.text) as { error: { code: string } }).error.code;

  it('serves the plain redeem itself and hands every other shape to Express', async () => {
    const served = await rawPost(hotUrl, REDEEM, redeemBody(await codeOf()), bearer());
    expect([served.status, (JSON.parse(served.text) as { outcome: string }).outcome]).toEqual([200, 'accepted']);

    const body = redeemBody(await codeOf());
    const handedOn = [
      await rawPost(hotUrl, `${REDEEM}?via=express`, body, bearer()),
      await rawPost(hotUrl, `${REDEEM}/`, body, bearer()),
      await rawPost(hotUrl, REDEEM.toUpperCase(), body, bearer()),
      await rawPost(hotUrl, REDEEM, body, bearer(), true),
      await rawPost(hotUrl, REDEEM, gzipSync(body), { ...bearer(), 'content-encoding': 'gzip' }),
      await rawPost(hotUrl, REDEEM, body, { ...bearer(), 'content-type': 'application/json; charset=latin1' }),
      await rawPost(hotUrl, REDEEM, body, { ...bearer(), 'content-type': 'text/plain' }),
      await rawPost(hotUrl, REDEEM, JSON.stringify({ pad: 'x'.repeat(33 * 1024) }), bearer()),
    ];
    expect(handedOn.map((res) => res.status)).toEqual(handedOn.map(() => 418));
  });

  /** The same request through the hot route and through Express (a query string sends it there). */
  const both = async (body: string, headers: Record<string, string>): Promise<[RawAnswer, RawAnswer]> => [
    await rawPost(server.url, REDEEM, body, { origin: ORIGIN, ...headers }),
    await rawPost(server.url, `${REDEEM}?via=express`, body, { origin: ORIGIN, ...headers }),
  ];
  const shape = (res: RawAnswer) => ({
    status: res.status,
    type: res.headers['content-type'],
    cors: res.headers['access-control-allow-origin'],
    vary: res.headers['vary'],
    authenticate: res.headers['www-authenticate'],
    retryAfter: res.headers['retry-after'],
    body: JSON.parse(res.text) as unknown,
  });

  it('answers bad tokens and bad input exactly as Express does, never with a 500, and changes nothing', async () => {
    const code = await codeOf();
    const before = await snapshot(server.db);
    const pairs = [
      await both(redeemBody(code), json),
      await both(redeemBody(code), bearer('not-a-token')),
      await both(redeemBody(code), bearer('A'.repeat(43))),
      await both('{"code": ', json),
      await both('{"code": ', bearer()),
      await both('"a string"', bearer()),
      await both('', bearer()),
      await both(redeemBody(code, { count: 0 }), bearer()),
      await both(redeemBody(code, { deviceTime: 'yesterday' }), bearer()),
      await both(redeemBody('NOT-A-CODE'), bearer()),
      await both(redeemBody(unknownCode()), bearer()),
    ];
    for (const [viaHot, viaExpress] of pairs) {
      expect(viaHot.status).toBeGreaterThanOrEqual(400);
      expect(viaHot.status).toBeLessThan(500);
      expect(shape(viaHot)).toEqual(shape(viaExpress));
    }
    expect(pairs.map(([res]) => errorOf(res))).toEqual([
      'UNAUTHORIZED',
      'UNAUTHORIZED',
      'UNAUTHORIZED',
      'UNAUTHORIZED',
      'MALFORMED_JSON',
      'MALFORMED_JSON',
      'VALIDATION_FAILED',
      'COUNT_INVALID',
      'VALIDATION_FAILED',
      'CODE_MALFORMED',
      'VOUCHER_NOT_FOUND',
    ]);
    expect(await snapshot(server.db)).toEqual(before);
  });

  it('answers a redeem, its retry, a reused id and a used-up voucher the way Express does', async () => {
    const [hotFirst, expressFirst] = await both(redeemBody(await codeOf()), bearer());
    const withoutIds = (res: RawAnswer) => {
      const { redemptionId, voucherId, codeMasked, serverTime, deviceTime, ...rest } = JSON.parse(res.text) as Record<string, unknown>;
      return { ...shape(res), body: rest, ids: [redemptionId, voucherId, codeMasked, serverTime, deviceTime].map((v) => typeof v) };
    };
    expect(withoutIds(hotFirst)).toEqual(withoutIds(expressFirst));
    expect(shape(hotFirst)).toMatchObject({ status: 200, body: { outcome: 'accepted', remaining: 1 } });

    const code = await codeOf();
    const once = redeemBody(code);
    const first = await rawPost(server.url, REDEEM, once, bearer());
    const [retryHot, retryExpress] = await both(once, bearer());
    expect(JSON.parse(retryHot.text)).toEqual(JSON.parse(first.text));
    expect(shape(retryHot)).toEqual(shape(retryExpress));

    const reused = JSON.stringify({ ...(JSON.parse(once) as object), count: 2 });
    const [reusedHot, reusedExpress] = await both(reused, bearer());
    expect(shape(reusedHot)).toEqual(shape(reusedExpress));
    expect(errorOf(reusedHot)).toBe('REDEMPTION_ID_REUSED');

    await rawPost(server.url, REDEEM, redeemBody(code), bearer());
    const [usedHot, usedExpress] = await both(redeemBody(code), bearer());
    expect(shape(usedHot)).toEqual(shape(usedExpress));
    expect(errorOf(usedHot)).toBe('VOUCHER_EXHAUSTED');
  });

  it('refuses a re-paired terminal’s old token at once, though it was just served', async () => {
    const old = (await pairedClient(server, world.terminals.a2.id)).token!;
    expect((await rawPost(server.url, REDEEM, redeemBody(await codeOf()), bearer(old))).status).toBe(200);

    const renewed = (await pairedClient(server, world.terminals.a2.id)).token!;
    const code = await codeOf();
    const before = await snapshot(server.db);
    const [hotOld, expressOld] = await both(redeemBody(code), bearer(old));
    expect(shape(hotOld)).toEqual(shape(expressOld));
    expect([hotOld.status, errorOf(hotOld)]).toEqual([401, 'UNAUTHORIZED']);
    expect(await snapshot(server.db)).toEqual(before);
    expect((await rawPost(server.url, REDEEM, redeemBody(code), bearer(renewed))).status).toBe(200);
  });

  it('counts misses on either layer against one limit and then refuses on both', async () => {
    const b1 = (await pairedClient(server, world.terminals.b1.id)).token!;
    const misses: string[] = [];
    for (let i = 0; i < 2; i++) {
      const [viaHot, viaExpress] = await both(redeemBody(unknownCode()), bearer(b1));
      misses.push(errorOf(viaHot), errorOf(viaExpress));
    }
    expect(misses).toEqual(['VOUCHER_NOT_FOUND', 'VOUCHER_NOT_FOUND', 'VOUCHER_NOT_FOUND', 'VOUCHER_NOT_FOUND']);
    const [lockedHot, lockedExpress] = await both(redeemBody(await codeOf()), bearer(b1));
    expect(shape(lockedHot)).toEqual(shape(lockedExpress));
    expect(shape(lockedHot)).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } }, retryAfter: '300' });
  });
});
