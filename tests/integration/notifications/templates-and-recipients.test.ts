import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlatformHandle, nationalOrInternational, normalizePhone } from '../../../server/notifications/recipient';
import { loggableMessage, maskCodesIn } from '../../../server/notifications/redact';
import { measureSms } from '../../../server/notifications/sms-length';
import { renderTemplate, templateVariables, voucherMessageParams, withSignature } from '../../../server/notifications/templates';

describe('templates', () => {
  const facts = { code: '1234-5678-9012', campaignTitle: '下午茶', validUntilDate: '2027-01-05', storeNames: ['静安店', '徐汇店'] };

  it('formats params per locale', () => {
    expect(voucherMessageParams(facts, 'zh-CN')).toEqual({ code: '1234 5678 9012', codeLast4: '9012', campaignTitle: '下午茶', validUntil: '2027年1月5日', stores: '静安店、徐汇店' });
    expect(voucherMessageParams(facts, 'en')).toMatchObject({ validUntil: '2027-01-05', stores: '静安店, 徐汇店' });
  });

  it('renders every template in both locales from the same params', () => {
    for (const id of ['voucher_issued', 'voucher_expiring', 'voucher_refunded'] as const) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const text = renderTemplate(id, voucherMessageParams(facts, locale), locale);
        expect(text.ok && text.value).not.toMatch(/[{}]/);
      }
    }
    const refund = renderTemplate('voucher_refunded', voucherMessageParams(facts, 'zh-CN'), 'zh-CN');
    expect(refund.ok && refund.value).toBe('您的「下午茶」订单已退款，尾号9012的券码已作废。');
    expect(refund.ok && refund.value).not.toContain('1234');
  });

  it('lists variables in order of use and names what is missing', () => {
    expect(templateVariables('voucher_issued')).toEqual(['campaignTitle', 'code', 'validUntil', 'stores']);
    expect(renderTemplate('voucher_issued', { code: '1' }, 'zh-CN')).toMatchObject({ ok: false, message: 'template voucher_issued needs campaignTitle, validUntil, stores' });
  });

  it('fits a typical Chinese voucher SMS in two segments with its signature', () => {
    const text = renderTemplate('voucher_issued', voucherMessageParams(facts, 'zh-CN'), 'zh-CN');
    const signed = withSignature(text.ok ? text.value : '', '核销小店');
    expect(measureSms(signed)).toEqual({ encoding: 'ucs2', characters: signed.length, segments: 2 });
  });
});

describe('SMS length', () => {
  it('counts 70/67 for Chinese and 160/153 for GSM-7', () => {
    expect(measureSms('验'.repeat(70))).toEqual({ encoding: 'ucs2', characters: 70, segments: 1 });
    expect(measureSms('验'.repeat(71)).segments).toBe(2);
    expect(measureSms('验'.repeat(134)).segments).toBe(2);
    expect(measureSms('验'.repeat(135)).segments).toBe(3);
    expect(measureSms('a'.repeat(160))).toEqual({ encoding: 'gsm7', characters: 160, segments: 1 });
    expect(measureSms('a'.repeat(161)).segments).toBe(2);
    expect(measureSms('{'.repeat(80))).toEqual({ encoding: 'gsm7', characters: 160, segments: 1 });
    expect(measureSms('code 1234 😀').encoding).toBe('ucs2');
  });
});

describe('recipients and redaction', () => {
  it('normalises phones to E.164', () => {
    expect(normalizePhone('138 1234 1234')).toBe('+8613812341234');
    expect(normalizePhone('+86 138-1234-1234')).toBe('+8613812341234');
    expect(normalizePhone('008613812341234')).toBe('+8613812341234');
    expect(normalizePhone('+852 9123 4567')).toBe('+85291234567');
    expect(normalizePhone('12345')).toBeNull();
    expect(nationalOrInternational('+8613812341234')).toBe('13812341234');
    expect(nationalOrInternational('+85291234567')).toBe('85291234567');
    expect(isPlatformHandle('douyin:buyer_42')).toBe(true);
    expect(isPlatformHandle('buyer_42')).toBe(false);
  });

  it('masks any code in free text, grouped or not (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.constantFrom('', ' ', '-'), fc.string(), (code, sep, noise) => {
        const grouped = `${code.slice(0, 4)}${sep}${code.slice(4, 8)}${sep}${code.slice(8)}`;
        const text = maskCodesIn(`x${noise.replace(/\d/g, '')} ${grouped} y`);
        expect(text).not.toContain(grouped);
        expect(text).toContain(`**** **** ${code.slice(-4)}`);
      }),
    );
    expect(maskCodesIn('phone 13812341234 stays for maskPhone')).toContain('13812341234');
  });

  it('builds log fields without the code or the phone', () => {
    const fields = loggableMessage({ to: '+8613812341234', channel: 'sms', templateId: 'voucher_issued', params: { code: '1234 5678 9012' }, idempotencyKey: 'k' });
    expect(JSON.stringify(fields)).not.toMatch(/13812341234|5678/);
  });
});
