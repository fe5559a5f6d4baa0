import { DEFAULT_LOCALE, type Locale } from '../shared/i18n/locales';
import { createAppI18n, errorKeyIn } from '../shared/i18n/setup';
import { en } from './en';
import { zhCN, type PosMessages } from './zh-CN';

export const messages: Record<Locale, PosMessages> = { 'zh-CN': zhCN, en };

export function createPosI18n(locale: Locale = DEFAULT_LOCALE) {
  return createAppI18n(messages, locale);
}

/** The i18n key of an error code; codes the POS does not know read as "unknown error". */
export function errorKey(code: string): string {
  return errorKeyIn(zhCN.errors, code);
}
