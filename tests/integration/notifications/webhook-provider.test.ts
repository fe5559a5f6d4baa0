import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage, SendResult } from '../../../server/notifications/provider';
import { voucherMessageParams } from '../../../server/notifications/templates';
import { createWebhookProvider, WebhookProviderConfig } from '../../../server/notifications/webhook-provider';
import { captureLogger, closedPortUrl } from '../../support/fake-providers/capture-logger';
import { gatewaySignature, startFakeWebhookGateway, type FakeWebhookGateway } from '../../support/fake-providers/fake-webhook-gateway';

const SECRET = 'merchant-gateway-shared-secret-0001';
const CODE = '555566667777';
const params = voucherMessageParams({ code: CODE, campaignTitle: 'Brunch for two', validUntilDate: '2026-12-31', storeNames: ['Bund', 'Xintiandi'] }, 'en');
const sms: OutgoingMessage = { to: '+8613812341234', channel: 'sms', templateId: 'voucher_issued', params, idempotencyKey: 'ntf-0200' };
const dm: OutgoingMessage = { ...sms, channel: 'dm', to: 'douyin:buyer_42', idempotencyKey: 'ntf-0201' };

let gateway: FakeWebhookGateway;
const logger = captureLogger();
const provider = (overrides: Partial<WebhookProviderConfig> = {}, now?: () => Date) =>
  createWebhookProvider(
    WebhookProviderConfig.parse({ provider: 'webhook', url: gateway.url, secret: SECRET, locale: 'en', signName: 'Hexiao Brunch', timeoutMs: 5000, ...overrides }),
    { logger, ...(now ? { now } : {}) },
  );
const failure = (r: SendResult) => (r.ok ? null : { code: r.code, retryable: r.retryable, providerCode: r.providerCode });

beforeAll(async () => {
  gateway = await startFakeWebhookGateway(SECRET);
});
afterAll(async () => {
  await gateway.close();
});

describe('webhook provider against a local merchant gateway', () => {
  it('posts a signed JSON message with the rendered text', async () => {
    const result = await provider().send(sms);
    expect(result.ok && result.value.providerMessageId).toMatch(/^gw-/);
    const request = gateway.received.at(-1)!;
    expect(request.problems).toEqual([]);
    expect(request.body).toEqual({
      idempotencyKey: 'ntf-0200',
      channel: 'sms',
      to: '+8613812341234',
      templateId: 'voucher_issued',
      params,
      locale: 'en',
      text: '【Hexiao Brunch】Your voucher for Brunch for two: 5555 6666 7777. Valid until 2026-12-31 at Bund, Xintiandi. Show this code at the counter.',
    });
    expect(request.headers['idempotency-key']).toBe('ntf-0200');
  });

  it('sends DMs to platform handles, without the SMS signature', async () => {
    expect((await provider().send(dm)).ok).toBe(true);
    expect(gateway.received.at(-1)!.body['text']).toMatch(/^Your voucher for Brunch/);
    expect(failure(await provider().send({ ...dm, to: '+8613812341234' }))).toMatchObject({ code: 'RECIPIENT_INVALID' });
    expect(failure(await provider({ channels: ['sms'] }).send(dm))).toMatchObject({ code: 'CHANNEL_UNSUPPORTED', retryable: false });
  });

  it('maps gateway refusals', async () => {
    gateway.scenarios.push({ kind: 'error', code: 'RECIPIENT_INVALID', status: 422, message: `no such user for ${CODE}` });
    const refused = await provider().send(sms);
    expect(failure(refused)).toEqual({ code: 'RECIPIENT_INVALID', retryable: false, providerCode: 'RECIPIENT_INVALID' });
    expect(refused.ok ? '' : refused.message).not.toContain(CODE);
    gateway.scenarios.push({ kind: 'error', code: 'QUOTA', status: 429 });
    expect(failure(await provider().send(sms))).toMatchObject({ code: 'THROTTLED', retryable: true });
    gateway.scenarios.push({ kind: 'error', code: 'WHATEVER', status: 400 });
    expect(failure(await provider().send(sms))).toMatchObject({ code: 'PROVIDER_REJECTED', retryable: false });
    expect(failure(await provider({ secret: 'another-secret-of-16+chars' }).send(sms))).toMatchObject({ code: 'AUTH_FAILED', retryable: false });
  });

  it('retries on a 503, an accept without id, a hang and a dead port', async () => {
    gateway.scenarios.push({ kind: 'http', status: 503, text: 'maintenance' });
    expect(failure(await provider().send(sms))).toEqual({ code: 'PROVIDER_UNAVAILABLE', retryable: true, providerCode: 'HTTP 503' });
    gateway.scenarios.push({ kind: 'http', status: 200, text: 'ok' });
    expect(failure(await provider().send(sms))).toMatchObject({ code: 'BAD_RESPONSE', retryable: true });
    gateway.scenarios.push({ kind: 'hang' });
    expect(failure(await provider({ timeoutMs: 200 }).send(sms))).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(failure(await provider({ url: `${await closedPortUrl()}/hook` }).send(sms))).toMatchObject({ code: 'NETWORK_ERROR', retryable: true });
  });

  it('refuses a message whose params do not fill the template', async () => {
    expect(failure(await provider().send({ ...sms, params: { code: '5555 6666 7777' } }))).toMatchObject({ code: 'TEMPLATE_REJECTED', retryable: false });
  });

  it('never logs a full code or phone', () => {
    const all = logger.lines.join('\n');
    expect(logger.lines.length).toBeGreaterThan(3);
    expect(all).not.toContain(CODE);
    expect(all).not.toContain('5555 6666 7777');
    expect(all).not.toContain('13812341234');
  });
});

describe('webhook delivery callbacks', () => {
  const NOW = new Date('2026-11-25T04:00:00Z');
  const seconds = NOW.getTime() / 1000;
  const rawBody = JSON.stringify({ messageId: 'gw-1', state: 'delivered', at: '2026-11-25T12:00:03+08:00', status: 'DELIVRD' });
  const signedHeaders = (body: string, timestamp = seconds) => ({
    'X-Hexiao-Timestamp': String(timestamp),
    'X-Hexiao-Signature': gatewaySignature(SECRET, String(timestamp), body),
  });
  const p = () => provider({}, () => NOW);

  it('accepts a signed report', () => {
    expect(p().parseDeliveryCallback({ rawBody, headers: signedHeaders(rawBody) })).toEqual({
      ok: true,
      value: { reports: [{ providerMessageId: 'gw-1', state: 'delivered', at: '2026-11-25T04:00:03.000Z', providerStatus: 'DELIVRD' }], ack: { status: 200, body: { ok: true } } },
    });
  });

  it('rejects a tampered, unsigned or stale report', () => {
    const tampered = rawBody.replace('delivered', 'failed');
    expect(p().parseDeliveryCallback({ rawBody: tampered, headers: signedHeaders(rawBody) })).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
    expect(p().parseDeliveryCallback({ rawBody, headers: {} })).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
    expect(p().parseDeliveryCallback({ rawBody, headers: signedHeaders(rawBody, seconds - 301) })).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
    const odd = '{"messageId":"gw-1","state":"lost"}';
    expect(p().parseDeliveryCallback({ rawBody: odd, headers: signedHeaders(odd) })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });
});
