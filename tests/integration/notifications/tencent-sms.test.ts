import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage, SendResult } from '../../../server/notifications/provider';
import { templateVariables, voucherMessageParams } from '../../../server/notifications/templates';
import { createTencentSmsProvider, TencentSmsConfig } from '../../../server/notifications/tencent-sms';
import { tc3Authorization } from '../../../server/notifications/tencent-signature';
import { captureLogger, closedPortUrl } from '../../support/fake-providers/capture-logger';
import { startFakeTencentSms, type FakeTencentSms } from '../../support/fake-providers/fake-tencent-sms';
import { expectedTc3Signature } from '../../support/fake-providers/tencent-tc3-spec';

const creds = { secretId: 'AKIDhexiaoTestSecretId', secretKey: 'hexiao-test-secret-key', smsSdkAppId: '1400787878' };
const CODE = '987654321098';
const message: OutgoingMessage = {
  to: '+8613912345678',
  channel: 'sms',
  templateId: 'voucher_issued',
  params: voucherMessageParams({ code: CODE, campaignTitle: '午市双人餐', validUntilDate: '2026-12-31', storeNames: ['静安店'] }, 'zh-CN'),
  idempotencyKey: 'ntf-0100',
};

let fake: FakeTencentSms;
const logger = captureLogger();
const provider = (overrides: Partial<TencentSmsConfig> = {}) =>
  createTencentSmsProvider(
    TencentSmsConfig.parse({
      provider: 'tencent',
      ...creds,
      signName: '核销小店',
      templates: { voucher_issued: { templateId: '1956789', params: templateVariables('voucher_issued') } },
      baseUrl: fake.baseUrl,
      timeoutMs: 5000,
      ...overrides,
    }),
    { logger },
  );
const failure = (r: SendResult) => (r.ok ? null : { code: r.code, retryable: r.retryable, providerCode: r.providerCode });

beforeAll(async () => {
  fake = await startFakeTencentSms(creds);
});
afterAll(async () => {
  await fake.close();
});

describe('TC3-HMAC-SHA256', () => {
  // The worked example of Tencent Cloud's "Signature v3" page (CVM DescribeInstances).
  const body = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
  const headers = { 'content-type': 'application/json; charset=utf-8', host: 'cvm.tencentcloudapi.com' };

  it('reproduces the documented example, in the adapter and in the fake alike', () => {
    const authorization = tc3Authorization({ secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE', service: 'cvm', timestamp: 1551113065, headers, body });
    expect(authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
    const spec = expectedTc3Signature({ secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE', service: 'cvm', timestamp: 1551113065, headers, body }, ['content-type', 'host']);
    expect(spec.hashedCanonicalRequest).toBe('5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031');
    expect(spec.signature).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
  });
});

describe('Tencent SMS adapter against a local sms.tencentcloudapi.com', () => {
  it('sends a correctly signed SendSms and returns the SerialNo', async () => {
    const result = await provider().send(message);
    expect(result.ok).toBe(true);
    const request = fake.received.at(-1)!;
    expect(request.problems).toEqual([]);
    expect(request.body).toEqual({
      PhoneNumberSet: ['+8613912345678'],
      SmsSdkAppId: '1400787878',
      SignName: '核销小店',
      TemplateId: '1956789',
      TemplateParamSet: ['午市双人餐', '9876 5432 1098', '2026年12月31日', '静安店'],
      SessionContext: 'ntf-0100',
    });
    if (result.ok) expect(result.value.providerMessageId).toMatch(/^2433:/);
  });

  it('signs with the UTC date of its clock, across midnight in Beijing', async () => {
    const late = createTencentSmsProvider(
      TencentSmsConfig.parse({ provider: 'tencent', ...creds, signName: '核销小店', templates: { voucher_issued: { templateId: '1956789', params: ['code'] } }, baseUrl: fake.baseUrl }),
      // 16:30 UTC is 00:30 the next day in Beijing: the scope must carry the UTC date.
      { now: () => new Date(Date.now() - (Date.now() % 86_400_000) + 16.5 * 3_600_000) },
    );
    expect((await late.send(message)).ok).toBe(true);
    expect(fake.received.at(-1)!.problems).toEqual([]);
  });

  it('is refused with a wrong key, as a non-retryable auth failure', async () => {
    expect(failure(await provider({ secretKey: 'wrong' }).send(message))).toEqual({ code: 'AUTH_FAILED', retryable: false, providerCode: 'AuthFailure.SignatureFailure' });
    expect(fake.received.at(-1)!.problems).toContain('signature does not match');
    expect(failure(await provider({ secretId: 'AKIDnobody' }).send(message))).toMatchObject({ code: 'AUTH_FAILED', providerCode: 'AuthFailure.SecretIdNotFound' });
  });

  it.each([
    ['InvalidParameterValue.IncorrectPhoneNumber', 'RECIPIENT_INVALID', false],
    ['FailedOperation.PhoneNumberInBlacklist', 'RECIPIENT_INVALID', false],
    ['FailedOperation.TemplateIncorrectOrUnapproved', 'TEMPLATE_REJECTED', false],
    ['FailedOperation.SignatureIncorrectOrUnapproved', 'TEMPLATE_REJECTED', false],
    ['FailedOperation.InsufficientBalanceInSmsPackage', 'PROVIDER_REJECTED', false],
    ['LimitExceeded.PhoneNumberDailyLimit', 'THROTTLED', true],
    ['LimitExceeded.PhoneNumberThirtySecondLimit', 'THROTTLED', true],
    ['RequestLimitExceeded', 'THROTTLED', true],
    ['InternalError.Timeout', 'PROVIDER_UNAVAILABLE', true],
  ] as const)('maps %s to %s', async (providerCode, code, retryable) => {
    fake.scenarios.push({ kind: 'error', code: providerCode, message: `template param ${CODE} rejected` });
    const result = await provider().send(message);
    expect(failure(result)).toEqual({ code, retryable, providerCode });
    expect(result.ok ? '' : result.message).not.toContain(CODE);
  });

  it('retries on a 502, a garbled answer, a hang and a dead port', async () => {
    fake.scenarios.push({ kind: 'http', status: 502, text: 'Bad Gateway' });
    expect(failure(await provider().send(message))).toEqual({ code: 'PROVIDER_UNAVAILABLE', retryable: true, providerCode: 'HTTP 502' });
    fake.scenarios.push({ kind: 'http', status: 200, text: '{"Response":' });
    expect(failure(await provider().send(message))).toMatchObject({ code: 'BAD_RESPONSE', retryable: true });
    fake.scenarios.push({ kind: 'hang' });
    expect(failure(await provider({ timeoutMs: 200 }).send(message))).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(failure(await provider({ baseUrl: await closedPortUrl() }).send(message))).toMatchObject({ code: 'NETWORK_ERROR', retryable: true });
  });

  it('refuses what it cannot send before any request', async () => {
    const before = fake.received.length;
    expect(failure(await provider().send({ ...message, channel: 'dm', to: 'wechat:buyer' }))).toMatchObject({ code: 'CHANNEL_UNSUPPORTED' });
    expect(failure(await provider().send({ ...message, to: '+86 139' }))).toMatchObject({ code: 'RECIPIENT_INVALID' });
    expect(failure(await provider().send({ ...message, templateId: 'voucher_expiring' }))).toMatchObject({ code: 'TEMPLATE_UNKNOWN' });
    expect(failure(await provider().send({ ...message, params: { code: '9876 5432 1098' } }))).toMatchObject({ code: 'TEMPLATE_REJECTED' });
    expect(fake.received.length).toBe(before);
  });

  it('never logs a full code or phone', () => {
    const all = logger.lines.join('\n');
    expect(logger.lines.length).toBeGreaterThan(5);
    expect(all).not.toContain(CODE);
    expect(all).not.toContain('9876 5432 1098');
    expect(all).not.toContain('13912345678');
  });
});

describe('Tencent delivery reports', () => {
  it('parses a status callback batch in Beijing time', () => {
    const rawBody = JSON.stringify([
      { user_receive_time: '2026-11-25 08:03:04', nationcode: '86', mobile: '13912345678', report_status: 'SUCCESS', errmsg: 'DELIVRD', description: '用户短信送达成功', sid: '2433:1' },
      { user_receive_time: '2026-11-25 08:05:00', nationcode: '86', mobile: '13912345679', report_status: 'FAIL', errmsg: 'MI:0013', description: '空号', sid: '2433:2' },
    ]);
    expect(provider().parseDeliveryCallback({ rawBody, headers: {} })).toEqual({
      ok: true,
      value: {
        reports: [
          { providerMessageId: '2433:1', state: 'delivered', at: '2026-11-25T00:03:04.000Z', providerStatus: 'DELIVRD' },
          { providerMessageId: '2433:2', state: 'failed', at: '2026-11-25T00:05:00.000Z', providerStatus: 'MI:0013' },
        ],
        ack: { status: 200, body: { result: 0, errmsg: 'OK' } },
      },
    });
  });

  it.each(['not json', '[]', '[{"sid":"1","report_status":"MAYBE","errmsg":"","user_receive_time":"2026-11-25 08:03:04"}]'])('rejects %s', (rawBody) => {
    expect(provider().parseDeliveryCallback({ rawBody, headers: {} })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });
});
