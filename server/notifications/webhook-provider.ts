import { z } from 'zod';
import { fail, ok } from '../../core/result';
import { headerValue, parseJson, postWithTimeout, transportFailure, type HttpOutcome } from './http-call';
import {
  NotificationChannel,
  sendFailure,
  silentLogger,
  type DeliveryCallbackRequest,
  type DeliveryCallbackResult,
  type NotificationProvider,
  type OutgoingMessage,
  type ProviderDeps,
  type SendResult,
} from './provider';
import { isE164, isPlatformHandle } from './recipient';
import { loggableMessage, maskCodesIn } from './redact';
import { renderTemplate, withSignature } from './templates';
import { SIGNATURE_HEADER, signedWebhookHeaders, TIMESTAMP_HEADER, verifyWebhookSignature } from './webhook-signature';

/** A merchant's own SMS gateway or a platform DM bot, reached by a signed JSON POST. */
export const WebhookProviderConfig = z.object({
  provider: z.literal('webhook'),
  url: z.url(),
  secret: z.string().min(16),
  channels: z.array(NotificationChannel).min(1).default(['sms', 'dm']),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  signName: z.string().min(1).optional(),
  timeoutMs: z.int().min(100).max(60_000).default(5000),
});
export type WebhookProviderConfig = z.infer<typeof WebhookProviderConfig>;

const Accepted = z.object({ messageId: z.string().min(1).max(128) });
const Refused = z.object({ error: z.object({ code: z.string(), message: z.string().default('') }) });
const Callback = z.object({
  messageId: z.string().min(1),
  state: z.enum(['delivered', 'failed']),
  at: z.iso.datetime({ offset: true }),
  status: z.string().max(64).default(''),
});

/** Gateways answer refusals in our vocabulary; an unknown code is a plain refusal. */
const GATEWAY_CODES = new Set(['RECIPIENT_INVALID', 'TEMPLATE_REJECTED', 'THROTTLED', 'AUTH_FAILED']);

export function createWebhookProvider(config: WebhookProviderConfig, deps: ProviderDeps = {}): NotificationProvider {
  const fetchImpl = deps.fetch ?? fetch;
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger ?? silentLogger;

  async function send(message: OutgoingMessage): Promise<SendResult> {
    if (!config.channels.includes(message.channel)) return sendFailure('CHANNEL_UNSUPPORTED', `this gateway takes ${config.channels.join('/')}`);
    const validRecipient = message.channel === 'sms' ? isE164(message.to) : isPlatformHandle(message.to);
    if (!validRecipient) return sendFailure('RECIPIENT_INVALID', message.channel === 'sms' ? 'not an E.164 phone number' : 'not a platform:handle');
    const text = renderTemplate(message.templateId, message.params, config.locale);
    if (!text.ok) return sendFailure('TEMPLATE_REJECTED', text.message);

    const body = JSON.stringify({
      idempotencyKey: message.idempotencyKey,
      channel: message.channel,
      to: message.to,
      templateId: message.templateId,
      params: message.params,
      locale: config.locale,
      text: message.channel === 'sms' ? withSignature(text.value, config.signName) : text.value,
    });
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'idempotency-key': message.idempotencyKey,
      ...signedWebhookHeaders(config.secret, Math.floor(now().getTime() / 1000), body),
    };
    const result = interpret(await postWithTimeout(fetchImpl, config.url, { headers, body }, config.timeoutMs));
    if (result.ok) logger.info({ provider: 'webhook', ...loggableMessage(message), providerMessageId: result.value.providerMessageId }, 'message sent');
    else logger.warn({ provider: 'webhook', ...loggableMessage(message), error: result.code, providerCode: result.providerCode }, 'message not sent');
    return result;
  }

  function interpret(outcome: HttpOutcome): SendResult {
    const transport = transportFailure('webhook gateway', outcome, config.timeoutMs);
    if (transport) return transport;
    if (outcome.kind !== 'response') return sendFailure('BAD_RESPONSE', 'the gateway gave no response');
    const json = parseJson(outcome.body);
    if (outcome.status >= 200 && outcome.status < 300) {
      const accepted = Accepted.safeParse(json);
      return accepted.success
        ? ok({ providerMessageId: accepted.data.messageId })
        : sendFailure('BAD_RESPONSE', 'the gateway accepted without a messageId');
    }
    const httpCode = `HTTP ${outcome.status}`;
    if (outcome.status === 429) return sendFailure('THROTTLED', 'the gateway is rate limiting', httpCode);
    if (outcome.status === 408) return sendFailure('TIMEOUT', 'the gateway timed out the request', httpCode);
    if (outcome.status === 401 || outcome.status === 403) return sendFailure('AUTH_FAILED', 'the gateway refused our signature', httpCode);
    const refused = Refused.safeParse(json);
    if (!refused.success) return sendFailure('PROVIDER_REJECTED', `the gateway refused with ${httpCode}`, httpCode);
    const { code, message } = refused.data.error;
    const mapped = GATEWAY_CODES.has(code) ? (code as 'RECIPIENT_INVALID' | 'TEMPLATE_REJECTED' | 'THROTTLED' | 'AUTH_FAILED') : 'PROVIDER_REJECTED';
    return sendFailure(mapped, `gateway: ${code} ${maskCodesIn(message)}`.trim(), code);
  }

  function parseDeliveryCallback(request: DeliveryCallbackRequest): DeliveryCallbackResult {
    const signed = verifyWebhookSignature({
      secret: config.secret,
      rawBody: request.rawBody,
      timestamp: headerValue(request.headers, TIMESTAMP_HEADER),
      signature: headerValue(request.headers, SIGNATURE_HEADER),
      nowSeconds: Math.floor(now().getTime() / 1000),
    });
    if (!signed) return fail('UNAUTHORIZED', 'delivery callback signature missing, wrong or too old');
    const parsed = Callback.safeParse(parseJson(request.rawBody));
    if (!parsed.success) return fail('VALIDATION_FAILED', 'not a delivery callback: {messageId, state, at}');
    const { messageId, state, at, status } = parsed.data;
    const report = { providerMessageId: messageId, state, at: new Date(at).toISOString(), providerStatus: status || state };
    return ok({ reports: [report], ack: { status: 200, body: { ok: true } } });
  }

  return { name: 'webhook', channels: config.channels, send, parseDeliveryCallback };
}
