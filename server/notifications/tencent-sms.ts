import { z } from 'zod';
import { ok } from '../../core/result';
import { parseJson, postWithTimeout, transportFailure, type HttpOutcome } from './http-call';
import {
  sendFailure,
  silentLogger,
  TemplateId,
  type NotificationProvider,
  type OutgoingMessage,
  type ProviderDeps,
  type SendResult,
} from './provider';
import { isE164 } from './recipient';
import { loggableMessage } from './redact';
import { tencentFailure } from './tencent-errors';
import { parseTencentDeliveryReports } from './tencent-delivery-report';
import { tc3Authorization } from './tencent-signature';

export const TencentSmsConfig = z.object({
  provider: z.literal('tencent'),
  secretId: z.string().min(1),
  secretKey: z.string().min(1),
  smsSdkAppId: z.string().regex(/^\d+$/),
  signName: z.string().min(1),
  region: z.string().default('ap-guangzhou'),
  /** Our template id → the approved Tencent TemplateId and the order of its variables. */
  templates: z.partialRecord(TemplateId, z.object({ templateId: z.string().regex(/^\d+$/), params: z.array(z.string()).max(10) })),
  baseUrl: z.url().default('https://sms.tencentcloudapi.com'),
  timeoutMs: z.int().min(100).max(60_000).default(5000),
});
export type TencentSmsConfig = z.infer<typeof TencentSmsConfig>;

const CONTENT_TYPE = 'application/json; charset=utf-8';

const SendSmsResponse = z.object({
  Response: z.object({
    Error: z.object({ Code: z.string(), Message: z.string() }).optional(),
    SendStatusSet: z.array(z.object({ SerialNo: z.string(), Code: z.string(), Message: z.string() })).optional(),
  }),
});

/** `SendSms` of the Tencent Cloud SMS API 2021-01-11, signed with TC3-HMAC-SHA256. */
export function createTencentSmsProvider(config: TencentSmsConfig, deps: ProviderDeps = {}): NotificationProvider {
  const fetchImpl = deps.fetch ?? fetch;
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger ?? silentLogger;
  const base = new URL(config.baseUrl);

  async function send(message: OutgoingMessage): Promise<SendResult> {
    if (message.channel !== 'sms') return sendFailure('CHANNEL_UNSUPPORTED', 'Tencent sends SMS only');
    if (!isE164(message.to)) return sendFailure('RECIPIENT_INVALID', 'not an E.164 phone number');
    const template = config.templates[message.templateId];
    if (!template) return sendFailure('TEMPLATE_UNKNOWN', `no Tencent TemplateId configured for ${message.templateId}`);
    const missing = template.params.filter((name) => message.params[name] === undefined);
    if (missing.length > 0) return sendFailure('TEMPLATE_REJECTED', `missing template params: ${missing.join(', ')}`);

    const body = JSON.stringify({
      PhoneNumberSet: [message.to],
      SmsSdkAppId: config.smsSdkAppId,
      SignName: config.signName,
      TemplateId: template.templateId,
      TemplateParamSet: template.params.map((name) => message.params[name] ?? ''),
      SessionContext: message.idempotencyKey,
    });
    const timestamp = Math.floor(now().getTime() / 1000);
    const authorization = tc3Authorization({
      secretId: config.secretId,
      secretKey: config.secretKey,
      service: 'sms',
      timestamp,
      headers: { 'content-type': CONTENT_TYPE, host: base.host, 'x-tc-action': 'SendSms' },
      body,
    });
    const headers = {
      authorization,
      'content-type': CONTENT_TYPE,
      'x-tc-action': 'SendSms',
      'x-tc-version': '2021-01-11',
      'x-tc-timestamp': String(timestamp),
      'x-tc-region': config.region,
    };
    const outcome = await postWithTimeout(fetchImpl, `${base.origin}${base.pathname}`, { headers, body }, config.timeoutMs);
    const result = interpret(outcome);
    if (result.ok) logger.info({ provider: 'tencent', ...loggableMessage(message), providerMessageId: result.value.providerMessageId }, 'sms sent');
    else logger.warn({ provider: 'tencent', ...loggableMessage(message), error: result.code, providerCode: result.providerCode }, 'sms not sent');
    return result;
  }

  function interpret(outcome: HttpOutcome): SendResult {
    const transport = transportFailure('Tencent SMS', outcome, config.timeoutMs);
    if (transport) return transport;
    if (outcome.kind !== 'response') return sendFailure('BAD_RESPONSE', 'Tencent SMS gave no response');
    const parsed = SendSmsResponse.safeParse(parseJson(outcome.body));
    if (!parsed.success) return sendFailure('BAD_RESPONSE', `Tencent SMS answered HTTP ${outcome.status} with something that is not its API`);
    const { Error: error, SendStatusSet } = parsed.data.Response;
    if (error) return tencentFailure(error.Code, error.Message);
    const status = SendStatusSet?.[0];
    if (!status) return sendFailure('BAD_RESPONSE', 'Tencent SMS answered without a send status');
    if (status.Code !== 'Ok') return tencentFailure(status.Code, status.Message);
    return ok({ providerMessageId: status.SerialNo });
  }

  return { name: 'tencent', channels: ['sms'], send, parseDeliveryCallback: parseTencentDeliveryReports };
}
