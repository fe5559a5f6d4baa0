import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatVoucherCode } from '../../../core/voucher-code';
import { NotificationDispatcher } from '../../../server/notifications/outbox/dispatcher';
import { claimDueMessages } from '../../../server/notifications/outbox/outbox-statements';
import { signedWebhookHeaders } from '../../../server/notifications/webhook-signature';
import { runScript } from '../../../server/repositories/sales/run-script';
import { startServer, type RunningServer } from '../../../server/server';
import type { PaidAnswer } from '../../../server/use-cases/sales/channel-event';
import { startFakeWebhookGateway, type FakeWebhookGateway } from '../../support/fake-providers/fake-webhook-gateway';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { ChannelClient, paidEvent } from './support/channel-client';
import { buildSalesWorld, type SalesWorld } from './support/sales-world';

const GATEWAY_SECRET = 'gateway-secret-0123456789';
const BACKOFF = { baseMs: 4_000, maxMs: 60_000, maxAttempts: 3 };

describe.each(BACKENDS)('notification outbox (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let gateway: FakeWebhookGateway;
  let world: SalesWorld;
  let channel: ChannelClient;
  let terminal: ApiClient;
  let clock = Date.now();

  beforeAll(async () => {
    backend = createBackend(kind);
    gateway = await startFakeWebhookGateway(GATEWAY_SECRET);
    server = await startServer({
      ...backend.options,
      port: 0,
      demo: false,
      logLevel: 'silent',
      now: () => new Date(clock),
      sales: {
        notification: { provider: 'webhook', url: gateway.url, secret: GATEWAY_SECRET, locale: 'en' },
        jobs: false,
        dispatcher: { backoff: BACKOFF, random: () => 0.5, leaseMs: 30_000 },
      },
    });
    world = await buildSalesWorld(server, { now: new Date(clock) });
    channel = new ChannelClient(server, world.merchant.id, world.secret, 'douyin', () => clock);
    terminal = await world.client();
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
    await gateway?.close();
  });
  beforeEach(async () => {
    // Each test starts with an empty outbox due now.
    await server.sales.dispatcher.drain();
    gateway.received.length = 0;
  });

  const sell = async (quantity: number, phone = '13800000001') => {
    const campaign = await world.campaign({ stock: 1000 });
    const paid = await channel.send<PaidAnswer>(paidEvent({ campaignId: campaign.id, phone, quantity }));
    expect(paid.status).toBe(200);
    return paid.body;
  };
  const rowsOf = (orderId: string) => server.db.kysely.selectFrom('notifications').selectAll().where('order_id', '=', orderId).orderBy('voucher_id').execute();

  it('sends each voucher its code, read from the voucher at send time, and records the provider id', async () => {
    const order = await sell(2);
    const report = await server.sales.dispatcher.drain();
    expect(report).toMatchObject({ sent: 2, retried: 0, failed: 0 });
    const vouchers = await server.db.kysely.selectFrom('vouchers').select(['id', 'code']).where('order_id', '=', order.orderId).orderBy('id').execute();
    expect(gateway.received.map((r) => r.problems)).toEqual([[], []]);
    const sentCodes = gateway.received.map((r) => (r.body['params'] as Record<string, string>)['code']).sort();
    expect(sentCodes).toEqual(vouchers.map((v) => formatVoucherCode(v.code)).sort());
    expect(gateway.received.every((r) => String(r.body['text']).includes('招牌烤鸭') && r.body['to'] === '+8613800000001')).toBe(true);
    const rows = await rowsOf(order.orderId);
    expect(rows.map((r) => [r.state, r.provider, r.attempts, r.lease_owner])).toEqual([
      ['sent', 'webhook', 1, null],
      ['sent', 'webhook', 1, null],
    ]);
    expect(rows.every((r) => r.provider_message_id?.startsWith('gw-'))).toBe(true);
  });

  it('retries a throttled send after an exponential, jittered delay, and gives up on a refusal', async () => {
    const order = await sell(2);
    gateway.scenarios.push({ kind: 'error', code: 'THROTTLED', status: 429 }, { kind: 'error', code: 'RECIPIENT_INVALID', status: 422 });
    expect(await server.sales.dispatcher.runOnce()).toMatchObject({ claimed: 2, retried: 1, failed: 1 });
    const [a, b] = await rowsOf(order.orderId);
    const retrying = a!.state === 'queued' ? a! : b!;
    const refused = a!.state === 'queued' ? b! : a!;
    expect(refused).toMatchObject({ state: 'failed', attempts: 1 });
    expect(refused.last_error).toContain('RECIPIENT_INVALID');
    expect(retrying.last_error).toContain('THROTTLED');
    // First retry: base 4 s, half fixed and half jitter (random 0.5) → 3 s.
    expect(Date.parse(retrying.next_attempt_at) - clock).toBe(3_000);

    expect((await server.sales.dispatcher.runOnce()).claimed).toBe(0);
    clock += 3_000;
    expect(await server.sales.dispatcher.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    const after = await server.db.kysely.selectFrom('notifications').selectAll().where('id', '=', retrying.id).executeTakeFirstOrThrow();
    expect([after.state, after.attempts]).toEqual(['sent', 2]);
  });

  it('stops after the last attempt when the provider stays down', async () => {
    const order = await sell(1);
    gateway.scenarios.push(...Array.from({ length: 3 }, () => ({ kind: 'http' as const, status: 503, text: 'down' })));
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect((await server.sales.dispatcher.runOnce()).claimed).toBe(1);
      clock += 60_000;
    }
    const [row] = await rowsOf(order.orderId);
    expect([row!.state, row!.attempts]).toEqual(['failed', 3]);
    expect(gateway.received).toHaveLength(3);
  });

  it('never sends one message twice when two nodes dispatch at once, and waits out a dead node’s lease', async () => {
    await sell(40, '13800000002');
    const deps = { ...server.sales.deps, provider: server.sales.deps.provider };
    const nodes = ['node-a', 'node-b'].map((node) => new NotificationDispatcher(deps, { node, batchSize: 7, concurrency: 3 }));
    const reports = await Promise.all(nodes.map((n) => n.drain()));
    expect(reports[0]!.sent + reports[1]!.sent).toBe(40);
    const keys = gateway.received.map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(40);
    expect(new Set(keys).size).toBe(40);

    const order = await sell(1, '13800000003');
    const db = server.db;
    const leased = await runScript(db, () =>
      claimDueMessages(db.kind, 'dead-node', new Date(clock).toISOString(), new Date(clock + 30_000).toISOString(), 10),
    );
    expect(leased.map((m) => m.id)).toEqual((await rowsOf(order.orderId)).map((r) => r.id));
    expect((await nodes[0]!.runOnce()).claimed).toBe(0);
    clock += 30_000;
    expect(await nodes[0]!.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
  });

  it('takes signed delivery reports from the configured provider only', async () => {
    const order = await sell(1);
    await server.sales.dispatcher.drain();
    const [row] = await rowsOf(order.orderId);
    const report = (state: string, signWith = GATEWAY_SECRET) => {
      const body = JSON.stringify({ messageId: row!.provider_message_id, state, at: new Date(clock).toISOString(), status: state.toUpperCase() });
      const headers = { 'content-type': 'application/json', ...signedWebhookHeaders(signWith, Math.floor(clock / 1000), body) };
      return (provider = 'webhook') => fetch(`${server.url}/api/v1/notifications/callbacks/${provider}`, { method: 'POST', headers, body });
    };
    expect((await report('delivered', 'a-wrong-secret-0000000')()).status).toBe(401);
    expect((await report('delivered')('aliyun')).status).toBe(404);
    expect((await report('delivered')()).status).toBe(200);
    expect((await report('failed')()).status).toBe(200);
    const [after] = await rowsOf(order.orderId);
    expect([after!.state, after!.delivered_at]).toEqual(['delivered', new Date(clock).toISOString()]);
  });

  it('resends a code on request at most 3 times an hour, and never a void one', async () => {
    const order = await sell(1);
    const voucherId = order.vouchers[0]!.voucherId;
    const resend = () => terminal.post<{ recipientMasked: string }>('/notifications/resend', { voucherId });
    const first = await resend();
    expect([first.status, first.body.recipientMasked]).toEqual([200, '138****0001']);
    expect((await resend()).status).toBe(200);
    expect((await resend()).status).toBe(200);
    const limited = await resend();
    expect([limited.status, errorCode(limited), limited.headers.get('retry-after')]).toEqual([429, 'RATE_LIMITED', '3600']);
    clock += 3_600_001;
    expect((await resend()).status).toBe(200);
    expect(await server.sales.dispatcher.drain()).toMatchObject({ sent: 5 });
    expect(new Set(gateway.received.map((r) => (r.body['params'] as Record<string, string>)['code'])).size).toBe(1);

    await server.db.kysely.updateTable('vouchers').set({ status: 'void' }).where('id', '=', voucherId).execute();
    const voided = await resend();
    expect([voided.status, errorCode(voided)]).toEqual([409, 'VOUCHER_NOT_ACTIVE']);
    const elsewhere = await terminal.post('/notifications/resend', { voucherId: 'not-a-voucher' });
    expect([elsewhere.status, errorCode(elsewhere)]).toEqual([404, 'VOUCHER_NOT_FOUND']);
  });
});
