import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acs3Authorization, acs3CanonicalRequest, sha256Hex } from '../../../server/notifications/aliyun-signature';
import { AliyunSmsConfig, createAliyunSmsProvider } from '../../../server/notifications/aliyun-sms';
import type { OutgoingMessage, SendResult } from '../../../server/notifications/provider';
import { voucherMessageParams } from '../../../server/notifications/templates';
import { expectedAcs3Signature } from '../../support/fake-providers/aliyun-acs3-spec';
import { captureLogger, closedPortUrl } from '../../support/fake-providers/capture-logger';
import { startFakeAliyunSms, type FakeAliyunSms } from '../../support/fake-providers/fake-aliyun-sms';

const creds = { accessKeyId: 'LTAI5tHexiaoTestKey', accessKeySecret: 'hexiao-test-secret-aliyun' };
const CODE = '123456789017';
const message: OutgoingMessage = {
  to: '+8613812341234',
  channel: 'sms',
  templateId: 'voucher_issued',
  params: voucherMessageParams(
    { code: CODE, campaignTitle: '双人套餐 (限时) 100% 真*划算~', validUntilDate: '2026-12-31', storeNames: ['人民广场店', '徐家汇店'] },
    'zh-CN',
  ),
  idempotencyKey: 'ntf-0001',
};

let fake: FakeAliyunSms;
const logger = captureLogger();
const provider = (overrides: Partial<AliyunSmsConfig> = {}) =>
  createAliyunSmsProvider(
    AliyunSmsConfig.parse({ provider: 'aliyun', ...creds, signName: '核销小店', templates: { voucher_issued: 'SMS_465123456' }, baseUrl: fake.baseUrl, timeoutMs: 5000, ...overrides }),
    { logger },
  );
const failure = (r: SendResult) => (r.ok ? null : { code: r.code, retryable: r.retryable, providerCode: r.providerCode });

beforeAll(async () => {
  fake = await startFakeAliyunSms(creds);
});
afterAll(async () => {
  await fake.close();
});

describe('ACS3-HMAC-SHA256', () => {
  // The worked example of Alibaba Cloud's "V3 request structure and signature" page.
  const example = {
    method: 'POST',
    path: '/',
    query: { ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' },
    headers: {
      host: 'ecs.cn-shanghai.aliyuncs.com',
      'x-acs-action': 'RunInstances',
      'x-acs-content-sha256': sha256Hex(''),
      'x-acs-date': '2023-10-26T10:22:32Z',
      'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
      'x-acs-version': '2014-05-26',
    },
    body: '',
  };

  it('reproduces the documented example, in the adapter and in the fake alike', () => {
    expect(sha256Hex(acs3CanonicalRequest(example).canonicalRequest)).toBe('7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259');
    const authorization = acs3Authorization({ ...example, accessKeyId: 'YourAccessKeyId', accessKeySecret: 'YourAccessKeySecret' });
    expect(authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
    const spec = expectedAcs3Signature(
      { method: 'POST', path: '/', rawQuery: 'RegionId=cn-shanghai&ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', headers: example.headers, body: '', secret: 'YourAccessKeySecret' },
      Object.keys(example.headers).sort(),
    );
    expect(spec.signature).toBe('06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0');
  });
});

describe('Aliyun SMS adapter against a local dysmsapi', () => {
  it('sends a correctly signed SendSms and returns the BizId', async () => {
    const result = await provider().send(message);
    expect(result.ok).toBe(true);
    const request = fake.received.at(-1)!;
    expect(request.problems).toEqual([]);
    expect(request.params).toMatchObject({ PhoneNumbers: '13812341234', SignName: '核销小店', TemplateCode: 'SMS_465123456', OutId: 'ntf-0001' });
    expect(JSON.parse(request.params['TemplateParam'] ?? '')).toEqual(message.params);
    expect(JSON.parse(request.params['TemplateParam'] ?? '')['code']).toBe('1234 5678 9017');
    if (result.ok) expect(result.value.providerMessageId).toMatch(/\^0$/);
  });

  it('uses a fresh nonce per request and the international form outside the mainland', async () => {
    const p = provider();
    expect((await p.send(message)).ok).toBe(true);
    expect((await p.send({ ...message, to: '+85291234567', idempotencyKey: 'ntf-0002' })).ok).toBe(true);
    expect(fake.received.at(-1)!.params['PhoneNumbers']).toBe('85291234567');
    expect(fake.received.slice(-2).every((r) => r.problems.length === 0)).toBe(true);
  });

  it('is refused with a wrong secret, as a non-retryable auth failure', async () => {
    const result = await provider({ accessKeySecret: 'not-the-secret' }).send(message);
    expect(failure(result)).toEqual({ code: 'AUTH_FAILED', retryable: false, providerCode: 'SignatureDoesNotMatch' });
    expect(fake.received.at(-1)!.problems).toContain('signature does not match');
    expect(failure(await provider({ accessKeyId: 'LTAI-unknown' }).send(message))).toMatchObject({ code: 'AUTH_FAILED', providerCode: 'InvalidAccessKeyId.NotFound' });
  });

  it.each([
    ['isv.MOBILE_NUMBER_ILLEGAL', 200, 'RECIPIENT_INVALID', false],
    ['isv.BUSINESS_LIMIT_CONTROL', 200, 'THROTTLED', true],
    ['Throttling.User', 400, 'THROTTLED', true],
    ['isv.SMS_TEMPLATE_ILLEGAL', 200, 'TEMPLATE_REJECTED', false],
    ['isv.SMS_SIGNATURE_ILLEGAL', 200, 'TEMPLATE_REJECTED', false],
    ['isv.AMOUNT_NOT_ENOUGH', 200, 'PROVIDER_REJECTED', false],
    ['isp.SYSTEM_ERROR', 200, 'PROVIDER_UNAVAILABLE', true],
    ['ServiceUnavailable', 503, 'PROVIDER_UNAVAILABLE', true],
  ] as const)('maps %s (HTTP %i) to %s', async (providerCode, status, code, retryable) => {
    fake.scenarios.push({ kind: 'error', code: providerCode, status, message: `rejected ${CODE}` });
    const result = await provider().send(message);
    expect(failure(result)).toMatchObject({ code, retryable });
    expect(result.ok ? '' : result.message).not.toContain(CODE);
  });

  it('retries on a bare 500, a garbled answer, a hang and a dead port', async () => {
    fake.scenarios.push({ kind: 'http', status: 500, text: 'upstream exploded' });
    expect(failure(await provider().send(message))).toEqual({ code: 'PROVIDER_UNAVAILABLE', retryable: true, providerCode: 'HTTP 500' });
    fake.scenarios.push({ kind: 'http', status: 200, text: '<html>captive portal</html>' });
    expect(failure(await provider().send(message))).toMatchObject({ code: 'BAD_RESPONSE', retryable: true });
    fake.scenarios.push({ kind: 'hang' });
    expect(failure(await provider({ timeoutMs: 200 }).send(message))).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(failure(await provider({ baseUrl: await closedPortUrl() }).send(message))).toMatchObject({ code: 'NETWORK_ERROR', retryable: true });
  });

  it('refuses what it cannot send before any request', async () => {
    const before = fake.received.length;
    expect(failure(await provider().send({ ...message, channel: 'dm', to: 'douyin:buyer' }))).toMatchObject({ code: 'CHANNEL_UNSUPPORTED', retryable: false });
    expect(failure(await provider().send({ ...message, to: '13812341234' }))).toMatchObject({ code: 'RECIPIENT_INVALID' });
    expect(failure(await provider().send({ ...message, templateId: 'voucher_refunded' }))).toMatchObject({ code: 'TEMPLATE_UNKNOWN' });
    expect(fake.received.length).toBe(before);
  });

  it('never logs a full code or phone', () => {
    expect(logger.lines.length).toBeGreaterThan(5);
    const all = logger.lines.join('\n');
    expect(all).not.toContain(CODE);
    expect(all).not.toContain('1234 5678 9017');
    expect(all).not.toContain('13812341234');
    expect(all).toContain('**** **** 9017');
  });
});

describe('Aliyun delivery reports', () => {
  const p = () => provider();

  it('parses a SmsReport batch in Beijing time', () => {
    const rawBody = JSON.stringify([
      { phone_number: '13812341234', send_time: '2026-11-25 12:00:00', report_time: '2026-11-25 12:00:03', success: true, err_code: 'DELIVERED', err_msg: '用户接收成功', sms_size: '2', biz_id: '900619746936498440^0', out_id: 'ntf-0001' },
      { phone_number: '13900000000', send_time: '2026-11-25 12:00:00', report_time: '2026-11-25 12:01:00', success: false, err_code: 'MK:0001', err_msg: '', sms_size: '1', biz_id: '900619746936498441^0', out_id: 'ntf-0002' },
    ]);
    const parsed = p().parseDeliveryCallback({ rawBody, headers: {} });
    expect(parsed).toEqual({
      ok: true,
      value: {
        reports: [
          { providerMessageId: '900619746936498440^0', state: 'delivered', at: '2026-11-25T04:00:03.000Z', providerStatus: 'DELIVERED' },
          { providerMessageId: '900619746936498441^0', state: 'failed', at: '2026-11-25T04:01:00.000Z', providerStatus: 'MK:0001' },
        ],
        ack: { status: 200, body: { code: 0, msg: '接收成功' } },
      },
    });
  });

  it.each(['', '{}', '[]', '[{"biz_id":"1","success":"yes","err_code":"X","report_time":"2026-11-25 12:00:03"}]', '[{"biz_id":"1","success":true,"err_code":"X","report_time":"yesterday"}]'])(
    'rejects %s',
    (rawBody) => {
      expect(p().parseDeliveryCallback({ rawBody, headers: {} })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    },
  );
});
