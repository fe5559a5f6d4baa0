import { fail, ok, type Result } from '../../core/result';
import { formatVoucherCode } from '../../core/voucher-code';
import type { TemplateId } from './provider';

export type NotificationLocale = 'zh-CN' | 'en';

/**
 * The texts a buyer receives. Aliyun and Tencent send their own registered copy of these (same
 * variable names); the webhook and console providers render them here.
 */
const TEMPLATES: Record<TemplateId, Record<NotificationLocale, string>> = {
  voucher_issued: {
    'zh-CN': '您购买的「{campaignTitle}」券码：{code}，有效期至{validUntil}，适用门店：{stores}。到店出示券码即可核销。',
    en: 'Your voucher for {campaignTitle}: {code}. Valid until {validUntil} at {stores}. Show this code at the counter.',
  },
  voucher_expiring: {
    'zh-CN': '您的「{campaignTitle}」券码{code}将于{validUntil}到期，请尽快到店使用。适用门店：{stores}。',
    en: 'Your {campaignTitle} voucher {code} expires on {validUntil}. Use it soon at {stores}.',
  },
  voucher_refunded: {
    'zh-CN': '您的「{campaignTitle}」订单已退款，尾号{codeLast4}的券码已作废。',
    en: 'Your {campaignTitle} order was refunded; the voucher ending {codeLast4} is void.',
  },
};

const PLACEHOLDER = /\{([a-zA-Z0-9]+)\}/g;

/** The variables a template needs, in order of first use (Tencent passes them positionally). */
export function templateVariables(templateId: TemplateId, locale: NotificationLocale = 'zh-CN'): string[] {
  return [...new Set([...TEMPLATES[templateId][locale].matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

export function renderTemplate(
  templateId: TemplateId,
  params: Readonly<Record<string, string>>,
  locale: NotificationLocale,
): Result<string, 'VALIDATION_FAILED'> {
  const missing = templateVariables(templateId, locale).filter((name) => params[name] === undefined);
  if (missing.length > 0) return fail('VALIDATION_FAILED', `template ${templateId} needs ${missing.join(', ')}`);
  return ok(TEMPLATES[templateId][locale].replace(PLACEHOLDER, (_, name: string) => params[name] ?? ''));
}

/** What the buyer's phone shows: the provider prepends the approved signature as 【签名】. */
export function withSignature(text: string, signName: string | undefined): string {
  return signName ? `【${signName}】${text}` : text;
}

export interface VoucherMessageFacts {
  readonly code: string;
  readonly campaignTitle: string;
  /** The last local date the voucher can be used (`lastValidLocalDate` of the campaign rules). */
  readonly validUntilDate: string;
  readonly storeNames: readonly string[];
}

function formatDate(date: string, locale: NotificationLocale): string {
  if (locale === 'en') return date;
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** Template params for a voucher, formatted for the buyer's locale: the code shown `1234 5678 9012`. */
export function voucherMessageParams(facts: VoucherMessageFacts, locale: NotificationLocale): Record<string, string> {
  const digits = facts.code.replace(/\D/g, '');
  return {
    code: formatVoucherCode(digits),
    codeLast4: digits.slice(-4),
    campaignTitle: facts.campaignTitle,
    validUntil: formatDate(facts.validUntilDate, locale),
    stores: facts.storeNames.join(locale === 'zh-CN' ? '、' : ', '),
  };
}
