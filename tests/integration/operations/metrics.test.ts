import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/server';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { openFlashSale } from '../../support/server/flash-sale';
import { buildSyncWorld, startSyncServer, type SyncServer, type SyncWorld } from '../sync/support/sync-world';
import { sampleValue, scrape } from './metrics-text';

describe.each(BACKENDS)('GET /metrics (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    s = await startSyncServer(kind, { sales: { jobs: false } });
    w = await buildSyncWorld(s.server);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('counts redeems by outcome, pushes by entry status and flash-sale orders, with route patterns and no codes', async () => {
    const voucher = await w.issue(w.campaigns.bothStores);
    const redeem = (code: string) => w.a1.client.post('/vouchers/redeem', { code, count: 1, redemptionId: randomUUID(), deviceTime: new Date().toISOString(), cashierId: 'c-1' });
    expect((await redeem(voucher.code)).status).toBe(200);
    expect((await redeem(voucher.code)).status).toBe(200);
    const spent = await redeem(voucher.code);
    expect(spent.status).toBe(409);
    const other = await w.issue(w.campaigns.bothStores);
    const pushed = await w.b1.pushOk([w.b1.redeem(other.code)]);
    expect(pushed.results.map((r) => r.status)).toEqual(['applied']);
    const sale = await openFlashSale(s.server.db, { name: `metrics-${kind}`, stock: 1 });
    const order = (phone: string) =>
      fetch(`${s.server.url}/api/v1/flash-sales/${sale.campaign.id}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone, quantity: 1, channel: 'douyin' }),
      });
    expect((await order('13900000001')).status).toBe(201);
    expect((await order('13900000002')).status).toBe(409);
    const lookedUp = randomUUID();
    expect((await w.a1.client.get(`/redemptions/${lookedUp}`)).status).toBe(404);

    const { status, type, text } = await scrape(s.server.url);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sampleValue(text, 'hexiao_redemptions_total', { outcome: 'ok' })).toBe(2);
    expect(sampleValue(text, 'hexiao_redemptions_total', { outcome: 'VOUCHER_EXHAUSTED' })).toBe(1);
    expect(sampleValue(text, 'hexiao_redemption_duration_seconds_count')).toBe(3);
    expect(sampleValue(text, 'hexiao_sync_push_batches_total', { result: 'ok' })).toBe(1);
    expect(sampleValue(text, 'hexiao_sync_push_entries_total', { status: 'applied' })).toBe(1);
    expect(sampleValue(text, 'hexiao_sync_push_duration_seconds_count')).toBe(1);
    expect(sampleValue(text, 'hexiao_flash_sale_orders_total', { outcome: 'ok' })).toBe(1);
    expect(sampleValue(text, 'hexiao_flash_sale_orders_total', { outcome: 'OUT_OF_STOCK' })).toBe(1);
    const redeemRoute = { route: '/api/v1/vouchers/redeem', method: 'POST' };
    expect(sampleValue(text, 'hexiao_http_request_duration_seconds_count', { ...redeemRoute, status: '200' })).toBe(2);
    expect(sampleValue(text, 'hexiao_http_request_duration_seconds_count', { ...redeemRoute, status: '409' })).toBe(1);
    expect(sampleValue(text, 'hexiao_http_request_duration_seconds_count', { route: '/api/v1/redemptions/:id', status: '404' })).toBe(1);
    expect(sampleValue(text, 'hexiao_http_request_duration_seconds_count', { route: '/api/v1/sync/push', status: '200' })).toBe(1);
    expect(sampleValue(text, 'hexiao_http_request_duration_seconds_count', { route: '/api/v1/flash-sales/:campaignId/orders', status: '201' })).toBe(1);
    // Label values are patterns: no voucher code or campaign id becomes a series.
    expect(text).not.toContain(voucher.code);
    expect(text).not.toContain(sale.campaign.id);
    expect(text).not.toContain(lookedUp);
    expect(sampleValue(text, 'hexiao_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sampleValue(text, 'hexiao_nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(text, 'hexiao_metrics_scrape_errors_total')).toBe(0);
    if (kind === 'postgres') expect(sampleValue(text, 'hexiao_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    else expect(sampleValue(text, 'hexiao_sqlite_file_bytes', { file: 'db' })).toBeGreaterThan(0);
  });

  it('reads the notification queue and the tills’ outboxes when scraped', async () => {
    const at = new Date(Date.now() - 90_000).toISOString();
    await s.server.db.kysely
      .insertInto('notifications')
      .values(['1', '2'].map((n) => ({
        merchant_id: w.merchant.id,
        id: randomUUID(),
        event_key: `metrics-test:${randomUUID()}:${n}`,
        voucher_id: null,
        order_id: null,
        channel: 'sms' as const,
        recipient: '13900000003',
        template: 'voucher-issued',
        params: '{}',
        state: 'queued' as const,
        next_attempt_at: at,
        lease_owner: null,
        lease_until: null,
        provider: null,
        provider_message_id: null,
        last_error: null,
        created_at: at,
        updated_at: at,
        sent_at: null,
        delivered_at: null,
      })))
      .execute();
    await s.server.db.kysely.updateTable('terminals').set({ pending_outbox: 7 }).where('id', '=', w.terminals.a2.id).execute();

    const { text } = await scrape(s.server.url);
    expect(sampleValue(text, 'hexiao_notification_queue_depth')).toBe(2);
    expect(sampleValue(text, 'hexiao_notification_queue_oldest_seconds')).toBeGreaterThanOrEqual(60);
    expect(sampleValue(text, 'hexiao_terminal_outbox_pending')).toBe(7);
    expect(sampleValue(text, 'hexiao_terminals_with_pending_outbox')).toBe(1);
  });

  it('refuses a scrape that came through a proxy when no token is set', async () => {
    const res = await fetch(`${s.server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});

describe('GET /metrics with HEXIAO_METRICS_TOKEN, two servers in one process', () => {
  const token = 'metrics-token-0123456789';
  let backends: TestBackend[] = [];
  let servers: RunningServer[] = [];

  beforeAll(async () => {
    backends = [createBackend('sqlite'), createBackend('sqlite')];
    servers = await Promise.all(
      backends.map((b, i) => startServer({ ...b.options, port: 0, demo: false, logLevel: 'silent', sales: { jobs: false }, ...(i === 0 ? { metricsToken: token } : {}) })),
    );
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(backends.map((b) => b.cleanup()));
  });

  it('answers only the bearer of the token, and each server counts its own requests', async () => {
    const [guarded, open] = servers as [RunningServer, RunningServer];
    const none = await scrape(guarded.url);
    expect([none.status, JSON.parse(none.text).error.code]).toEqual([401, 'UNAUTHORIZED']);
    expect((await scrape(guarded.url, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    for (let i = 0; i < 3; i++) await fetch(`${guarded.url}/api/v1/health`);
    const allowed = await scrape(guarded.url, { authorization: `bearer ${token}`, 'x-forwarded-for': '203.0.113.9' });
    expect(allowed.status).toBe(200);
    expect(sampleValue(allowed.text, 'hexiao_http_request_duration_seconds_count', { route: '/api/v1/health', status: '200' })).toBe(3);
    expect(sampleValue(allowed.text, 'hexiao_http_request_duration_seconds_count', { route: '/metrics', status: '401' })).toBe(2);

    const other = await scrape(open.url);
    expect(other.status).toBe(200);
    expect(sampleValue(other.text, 'hexiao_http_request_duration_seconds_count', { route: '/api/v1/health', status: '200' })).toBeUndefined();
  });
});
