import { createI18n } from 'vue-i18n';
import { DEFAULT_LOCALE, type Locale } from './locales';

/** One vue-i18n set-up for both apps: Composition API, zh-CN first and the fallback. */
export function createAppI18n<Messages extends Record<string, unknown>>(messages: Record<Locale, Messages>, locale: Locale = DEFAULT_LOCALE) {
  return createI18n<[Messages], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages,
    missingWarn: false,
    fallbackWarn: false,
  });
}

/** The i18n key of an error code; codes the dictionary does not know read as "unknown error". */
export function errorKeyIn(errors: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(errors, code) ? `errors.${code}` : 'errors.UNKNOWN';
}
