import { describe, expect, it } from 'vitest';
import { createNotificationProvider, parseNotificationConfig } from '../../../server/notifications/notification-config';
import type { OutgoingMessage } from '../../../server/notifications/provider';
import { voucherMessageParams } from '../../../server/notifications/templates';
import { captureLogger } from '../../support/fake-providers/capture-logger';

const CODE = '246813579135';
const message: OutgoingMessage = {
  to: '+8613812341234',
  channel: 'sms',
  templateId: 'voucher_issued',
  params: voucherMessageParams({ code: CODE, campaignTitle: '双人火锅套餐', validUntilDate: '2026-12-31', storeNames: ['人民广场店', '徐家汇店'] }, 'zh-CN'),
  idempotencyKey: 'ntf-0300',
};

function consoleProvider(raw: Record<string, unknown> = {}) {
  const config = parseNotificationConfig({ provider: 'console', ...raw });
  if (!config.ok) throw new Error(config.message);
  const printed: string[] = [];
  const logger = captureLogger();
  const provider = createNotificationProvider(config.value, { logger, out: { write: (text: string) => printed.push(text) } });
  return { provider, printed, logger };
}

describe('console provider (demo)', () => {
  it('prints what the buyer would read, code in full, and logs it masked', async () => {
    const { provider, printed, logger } = consoleProvider({ signName: '核销小店' });
    expect(await provider.send(message)).toEqual({ ok: true, value: { providerMessageId: 'console:ntf-0300' } });
    const out = printed.join('');
    expect(out).toContain('【核销小店】您购买的「双人火锅套餐」券码：2468 1357 9135，有效期至2026年12月31日，适用门店：人民广场店、徐家汇店。');
    expect(out).toContain('SMS to 138****1234');
    expect(out).toContain('2 SMS');
    expect(out).not.toContain('13812341234');
    const log = logger.lines.join('\n');
    expect(log).toContain('**** **** 9135');
    expect(log).not.toContain(CODE);
    expect(log).not.toContain('2468 1357 9135');
  });

  it('prints DMs in English when configured', async () => {
    const { provider, printed } = consoleProvider({ locale: 'en' });
    const params = voucherMessageParams({ code: CODE, campaignTitle: 'Hotpot for two', validUntilDate: '2026-12-31', storeNames: ['Bund'] }, 'en');
    expect((await provider.send({ ...message, channel: 'dm', to: 'douyin:buyer_42', params })).ok).toBe(true);
    expect(printed.join('')).toContain('DM to douyin:buyer_42');
    expect(printed.join('')).toContain('Your voucher for Hotpot for two: 2468 1357 9135. Valid until 2026-12-31 at Bund.');
  });

  it('refuses bad recipients and incomplete params', async () => {
    const { provider, printed } = consoleProvider();
    expect(await provider.send({ ...message, to: '138' })).toMatchObject({ ok: false, code: 'RECIPIENT_INVALID', retryable: false });
    expect(await provider.send({ ...message, params: {} })).toMatchObject({ ok: false, code: 'TEMPLATE_REJECTED' });
    expect(printed).toEqual([]);
    expect(provider.parseDeliveryCallback({ rawBody: '[]', headers: {} }).ok).toBe(false);
  });
});

describe('notification config', () => {
  it('selects the adapter named by the config and fills defaults', () => {
    const aliyun = parseNotificationConfig({ provider: 'aliyun', accessKeyId: 'id', accessKeySecret: 's', signName: '核销', templates: { voucher_issued: 'SMS_1' } });
    expect(aliyun.ok && aliyun.value).toMatchObject({ baseUrl: 'https://dysmsapi.aliyuncs.com', timeoutMs: 5000 });
    const tencent = parseNotificationConfig({ provider: 'tencent', secretId: 'id', secretKey: 'k', smsSdkAppId: '1400000000', signName: '核销', templates: {} });
    expect(tencent.ok && tencent.value).toMatchObject({ baseUrl: 'https://sms.tencentcloudapi.com', region: 'ap-guangzhou' });
    if (!aliyun.ok || !tencent.ok) return;
    expect(createNotificationProvider(aliyun.value).name).toBe('aliyun');
    expect(createNotificationProvider(tencent.value).channels).toEqual(['sms']);
    const webhook = parseNotificationConfig({ provider: 'webhook', url: 'http://127.0.0.1:9/hook', secret: '0123456789abcdef' });
    expect(webhook.ok && createNotificationProvider(webhook.value).channels).toEqual(['sms', 'dm']);
  });

  it.each([
    [{ provider: 'twilio' }, 'provider'],
    [{ provider: 'aliyun', accessKeyId: 'id', accessKeySecret: 's', signName: '核销', templates: { voucher_issued: '12345' } }, 'templates.voucher_issued'],
    [{ provider: 'webhook', url: 'http://127.0.0.1/hook', secret: 'short' }, 'secret'],
    [{ provider: 'tencent', secretId: 'id', secretKey: 'k', smsSdkAppId: 'abc', signName: 'x', templates: {} }, 'smsSdkAppId'],
  ])('rejects %j naming %s', (raw, path) => {
    const parsed = parseNotificationConfig(raw);
    expect(parsed).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(parsed.ok ? '' : parsed.message).toContain(path);
  });
});
