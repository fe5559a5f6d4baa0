import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import type { Locale } from './locales';

/**
 * Every API error's wording, by stable code (core/errors.ts), in each language. The `errors`
 * blocks of renderer/i18n/{zh-CN,en}.ts are the one place they are written, for both apps.
 */
export const ERROR_MESSAGES: Record<Locale, Readonly<Record<string, string>>> = { 'zh-CN': zhCN.errors, en: en.errors };
