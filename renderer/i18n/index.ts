import { createI18n } from 'vue-i18n';
import { en } from './en';
import { DEFAULT_LOCALE, type Locale } from './locales';
import { zhCN, type PosMessages } from './zh-CN';

export const messages: Record<Locale, PosMessages> = { 'zh-CN': zhCN, en };

export function createPosI18n(locale: Locale = DEFAULT_LOCALE) {
  return createI18n<[PosMessages], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages,
    missingWarn: false,
    fallbackWarn: false,
  });
}

/** The i18n key of an error code; codes the POS does not know read as "unknown error". */
export function errorKey(code: string): string {
  return Object.hasOwn(zhCN.errors, code) ? `errors.${code}` : 'errors.UNKNOWN';
}
