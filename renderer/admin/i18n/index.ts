import { ERROR_MESSAGES } from '../../shared/i18n/error-messages';
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/locales';
import { createAppI18n, errorKeyIn } from '../../shared/i18n/setup';
import { auditEn } from './audit-en';
import { auditZhCN } from './audit-zh-CN';
import { membersEn } from './members-en';
import { membersZhCN } from './members-zh-CN';
import { staffEn } from './staff-en';
import { staffZhCN } from './staff-zh-CN';
import { campaignsEn } from './campaigns-en';
import { campaignsZhCN } from './campaigns-zh-CN';
import { dashboardEn } from './dashboard-en';
import { dashboardZhCN } from './dashboard-zh-CN';
import { opsEn } from './ops-en';
import { opsZhCN } from './ops-zh-CN';
import { shellEn } from './shell-en';
import { shellZhCN } from './shell-zh-CN';
import { storesEn } from './stores-en';
import { storesZhCN } from './stores-zh-CN';

const zhCN = { ...shellZhCN, ...storesZhCN, ...campaignsZhCN, ...dashboardZhCN, ...opsZhCN, ...auditZhCN, ...membersZhCN, ...staffZhCN, errors: ERROR_MESSAGES['zh-CN'] };
export type AdminMessages = typeof zhCN;
const en: AdminMessages = { ...shellEn, ...storesEn, ...campaignsEn, ...dashboardEn, ...opsEn, ...auditEn, ...membersEn, ...staffEn, errors: ERROR_MESSAGES.en };

export const adminMessages: Record<Locale, AdminMessages> = { 'zh-CN': zhCN, en };

export function createAdminI18n(locale: Locale = DEFAULT_LOCALE) {
  return createAppI18n(adminMessages, locale);
}

/** The i18n key of an API error code; a code without wording reads as "unknown error". */
export function errorKey(code: string): string {
  return errorKeyIn(ERROR_MESSAGES['zh-CN'], code);
}
