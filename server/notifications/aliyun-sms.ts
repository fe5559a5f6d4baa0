import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ok } from '../../core/result';
import { acs3Authorization, acs3CanonicalQuery, sha256Hex } from './aliyun-signature';
import { aliyunFailure } from './aliyun-errors';
import { parseAliyunDeliveryReports } from './aliyun-delivery-report';
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
import { isE164, nationalOrInternational } from './recipient';
import { loggableMessage } from './redact';

export const AliyunSmsConfig = z.object({
  provider: z.literal('aliyun'),
  accessKeyId: z.string().min(1),
  accessKeySecret: z.string().min(1),
  /** The approved signature, shown as 【签名】. */
  signName: z.string().min(1),
  /** Our template id → the approved Aliyun TemplateCode (its variables use our param names). */
  templates: z.partialRecord(TemplateId, z.string().regex(/^SMS_\d+$/)),
  baseUrl: z.url().default('https://dysmsapi.aliyuncs.com'),
  timeoutMs: z.int().min(100).max(60_000).default(5000),
});
export type AliyunSmsConfig = z.infer<typeof AliyunSmsConfig>;

const SendSmsResponse = z.object({ Code: z.string(), Message: z.string().optional(), BizId: z.string().optional() });

/** `SendSms` of dysmsapi 2017-05-25, signed with ACS3-HMAC-SHA256, parameters in the query. */
export function createAliyunSmsProvider(config: AliyunSmsConfig, deps: ProviderDeps = {}): NotificationProvider {
  const fetchImpl = deps.fetch ?? fetch;
  const now = deps.now ?? (() => new Date());
  const nonce = deps.nonce ?? (() => randomUUID());
  const logger = deps.logger ?? silentLogger;
  const base = new URL(config.baseUrl);

  async function send(message: OutgoingMessage): Promise<SendResult> {
    if (message.channel !== 'sms') return sendFailure('CHANNEL_UNSUPPORTED', 'Aliyun sends SMS only');
    if (!isE164(message.to)) return sendFailure('RECIPIENT_INVALID', 'not an E.164 phone number');
    const templateCode = config.templates[message.templateId];
    if (!templateCode) return sendFailure('TEMPLATE_UNKNOWN', `no Aliyun TemplateCode configured for ${message.templateId}`);

    const query = {
      PhoneNumbers: nationalOrInternational(message.to),
      SignName: config.signName,
      TemplateCode: templateCode,
      TemplateParam: JSON.stringify(message.params),
      OutId: message.idempotencyKey,
    };
    const body = '';
    const headers: Record<string, string> = {
      'x-acs-action': 'SendSms',
      'x-acs-version': '2017-05-25',
      'x-acs-date': now().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      'x-acs-signature-nonce': nonce(),
      'x-acs-content-sha256': sha256Hex(body),
    };
    const authorization = acs3Authorization({
      method: 'POST',
      path: base.pathname,
      query,
      headers: { ...headers, host: base.host },
      body,
      accessKeyId: config.accessKeyId,
      accessKeySecret: config.accessKeySecret,
    });
    const url = `${base.origin}${base.pathname}?${acs3CanonicalQuery(query)}`;
    const outcome = await postWithTimeout(fetchImpl, url, { headers: { ...headers, authorization }, body }, config.timeoutMs);
    const result = interpret(outcome);
    if (result.ok) logger.info({ provider: 'aliyun', ...loggableMessage(message), providerMessageId: result.value.providerMessageId }, 'sms sent');
    else logger.warn({ provider: 'aliyun', ...loggableMessage(message), error: result.code, providerCode: result.providerCode }, 'sms not sent');
    return result;
  }

  function interpret(outcome: HttpOutcome): SendResult {
    const parsed = outcome.kind === 'response' ? SendSmsResponse.safeParse(parseJson(outcome.body)) : null;
    if (outcome.kind === 'response' && parsed?.success && outcome.status < 500) {
      const { Code, Message = '', BizId } = parsed.data;
      if (Code === 'OK' && BizId) return ok({ providerMessageId: BizId });
      return aliyunFailure(Code, Message, outcome.status);
    }
    const transport = transportFailure('Aliyun SMS', outcome, config.timeoutMs);
    if (transport) return transport;
    return sendFailure('BAD_RESPONSE', 'Aliyun SMS answered something that is not its API');
  }

  return { name: 'aliyun', channels: ['sms'], send, parseDeliveryCallback: parseAliyunDeliveryReports };
}
