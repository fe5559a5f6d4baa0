import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookSignature } from '../../../server/notifications/webhook-signature';
import { withHotRoutes } from '../../../server/http/hot-routes';
import { startServer, type RunningServer } from '../../../server/server';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { paidEvent } from './support/channel-client';
import { rawPost, type RawAnswer } from './support/raw-post';
import { buildSalesWorld, salesCounts, type SalesWorld } from './support/sales-world';

const ORIGIN = 'http://pos.example:5173';

describe.each(BACKENDS)('flash-sale hot routes (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let world: SalesWorld;
  let campaignId: string;
  let hot: Server;
  let hotUrl: string;

  beforeAll(async () => {
    backend = createBackend(kind);
    server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent', corsOrigin: ORIGIN, sales: { jobs: false } });
    world = await buildSalesWorld(server);
    campaignId = (await world.campaign({ stock: 1000 })).id;
    // The hot routes in front of a stand-in for Express that answers 418: what reaches it was handed on.
    const teapot: RequestListener = (req, res) => {
      req.resume();
      res.writeHead(418).end('express');
    };
    hot = createServer(withHotRoutes(teapot, { sales: server.sales.deps, logger: server.logger, corsOrigin: ORIGIN }));
    await new Promise<void>((done) => hot.listen(0, '127.0.0.1', done));
    hotUrl = `http://127.0.0.1:${(hot.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((done) => hot?.close(done));
    await server?.stop();
    await backend?.cleanup();
  });

  let phones = 0;
  const buyer = () => ({ phone: `1350000${String(++phones).padStart(4, '0')}`, quantity: 1 });
  const ordersPath = (query = '') => `/api/v1/flash-sales/${campaignId}/orders${query}`;
  const eventsPath = (query = '') => `/api/v1/channels/douyin/events${query}`;
  const json = { 'content-type': 'application/json' };
  const signed = (body: string, secret = world.secret, timestamp = Math.floor(Date.now() / 1000)) => ({
    'x-hexiao-merchant': world.merchant.id,
    'x-hexiao-timestamp': String(timestamp),
    'x-hexiao-signature': webhookSignature(secret, timestamp, body),
  });

  it('serves the plain reservation and payment itself and hands every other shape to Express', async () => {
    const reserved = await rawPost(hotUrl, ordersPath(), JSON.stringify(buyer()), json);
    expect(reserved.status).toBe(201);
    const { orderId, quantity } = JSON.parse(reserved.text) as { orderId: string; quantity: number };
    const payment = JSON.stringify(paidEvent({ campaignId, orderId, phone: '13500000001', quantity }));
    const paid = await rawPost(hotUrl, eventsPath(), payment, { 'content-type': 'text/plain', ...signed(payment) });
    expect([paid.status, JSON.parse(paid.text).state]).toEqual([200, 'paid']);
    const untyped = JSON.stringify(paidEvent({ campaignId, phone: '13500000002', quantity: 1 }));
    expect((await rawPost(hotUrl, eventsPath(), untyped, signed(untyped))).status).toBe(200);

    const body = JSON.stringify(buyer());
    const handedOn = [
      await rawPost(hotUrl, ordersPath('?via=express'), body, json),
      await rawPost(hotUrl, `${ordersPath()}/`, body, json),
      await rawPost(hotUrl, ordersPath().toUpperCase(), body, json),
      await rawPost(hotUrl, `/api/v1/flash-sales/%41${campaignId}/orders`, body, json),
      await rawPost(hotUrl, ordersPath(), body, json, true),
      await rawPost(hotUrl, ordersPath(), gzipSync(body), { ...json, 'content-encoding': 'gzip' }),
      await rawPost(hotUrl, ordersPath(), body, { 'content-type': 'application/json; charset=latin1' }),
      await rawPost(hotUrl, ordersPath(), body, { 'content-type': 'application/json; foo=bar' }),
      await rawPost(hotUrl, ordersPath(), body, { 'content-type': 'text/plain' }),
      await rawPost(hotUrl, ordersPath(), JSON.stringify({ ...buyer(), pad: 'x'.repeat(33 * 1024) }), json),
      await rawPost(hotUrl, eventsPath(), payment, { 'content-type': 'text/plain; charset=gbk', ...signed(payment) }),
      await rawPost(hotUrl, '/api/v1/channels/Douyin/events', payment, signed(payment)),
    ];
    expect(handedOn.map((res) => res.status)).toEqual(handedOn.map(() => 418));
  });

  /** The same request through the hot route and through Express (a query string sends it there). */
  const both = async (path: (query?: string) => string, body: string, headers: Record<string, string>): Promise<[RawAnswer, RawAnswer]> => [
    await rawPost(server.url, path(), body, { origin: ORIGIN, ...headers }),
    await rawPost(server.url, path('?via=express'), body, { origin: ORIGIN, ...headers }),
  ];
  const shape = (res: RawAnswer) => ({
    status: res.status,
    type: res.headers['content-type'],
    cors: res.headers['access-control-allow-origin'],
    vary: res.headers['vary'],
    body: JSON.parse(res.text) as unknown,
  });

  it('answers bad input exactly as Express does, never with a 500, and changes nothing', async () => {
    const before = await salesCounts(server.db);
    const unknownCampaign = (query = '') => `/api/v1/flash-sales/0190aaaa-0000-7000-8000-000000000000/orders${query}`;
    const event = JSON.stringify(paidEvent({ campaignId, phone: '13500009999', quantity: 1 }));
    const stale = Math.floor(Date.now() / 1000) - 301;
    const badJson = '{"eventId": "x", "type": ';
    const pairs = [
      await both(ordersPath, '{"phone": ', json),
      await both(ordersPath, '"a string"', json),
      await both(ordersPath, '  \n', json),
      await both(ordersPath, '', json),
      await both(ordersPath, '\ufeff{"phone": "13500001111", "quantity": 0}', json),
      await both(ordersPath, JSON.stringify({ phone: '12345', quantity: 1 }), json),
      await both(unknownCampaign, JSON.stringify(buyer()), json),
      await both(eventsPath, event, { ...json, ...signed(event, 'not-the-secret-at-all') }),
      await both(eventsPath, event, { ...json, ...signed(event), 'x-hexiao-merchant': 'someone-else' }),
      await both(eventsPath, event, { ...json, ...signed(event, world.secret, stale) }),
      await both(eventsPath, event, json),
      await both(eventsPath, badJson, { ...json, ...signed(badJson) }),
      await both(eventsPath, '{}', { ...json, ...signed('{}') }),
    ];
    for (const [viaHot, viaExpress] of pairs) {
      expect(viaHot.status).toBeGreaterThanOrEqual(400);
      expect(viaHot.status).toBeLessThan(500);
      expect(shape(viaHot)).toEqual(shape(viaExpress));
    }
    expect(pairs.map(([res]) => (JSON.parse(res.text) as { error: { code: string } }).error.code)).toEqual([
      'MALFORMED_JSON',
      'MALFORMED_JSON',
      'MALFORMED_JSON',
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'CAMPAIGN_NOT_FOUND',
      'WEBHOOK_SIGNATURE_INVALID',
      'WEBHOOK_SIGNATURE_INVALID',
      'WEBHOOK_TIMESTAMP_STALE',
      'WEBHOOK_SIGNATURE_INVALID',
      'MALFORMED_JSON',
      'VALIDATION_FAILED',
    ]);
    expect(await salesCounts(server.db)).toEqual(before);
  });

  it('answers a reservation, a payment and its replay the way Express does', async () => {
    const [reservedHot, reservedExpress] = await both(ordersPath, JSON.stringify(buyer()), json);
    const withoutIds = (res: RawAnswer) => {
      const { orderId, expiresAt, ...rest } = JSON.parse(res.text) as Record<string, unknown>;
      return { ...shape(res), body: rest, ids: [typeof orderId, typeof expiresAt] };
    };
    expect(withoutIds(reservedHot)).toEqual(withoutIds(reservedExpress));
    expect(reservedHot.status).toBe(201);

    const { orderId } = JSON.parse(reservedHot.text) as { orderId: string };
    const event = JSON.stringify(paidEvent({ campaignId, orderId, phone: '13500000000', quantity: 1 }));
    const paid = await rawPost(server.url, eventsPath(), event, { ...json, ...signed(event) });
    expect([paid.status, (JSON.parse(paid.text) as { state: string }).state]).toEqual([200, 'paid']);
    const [replayHot, replayExpress] = await both(eventsPath, event, { ...json, ...signed(event) });
    expect(shape(replayHot)).toEqual(shape(replayExpress));
    expect(shape(replayHot)).toMatchObject({ status: 409, body: { error: { code: 'EVENT_REPLAYED', details: { result: JSON.parse(paid.text) } } } });
  });
});
