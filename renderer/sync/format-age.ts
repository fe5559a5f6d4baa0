import type { Locale } from '../shared/i18n/locales';

/** How long ago, short enough for a header: `3 分钟前` / `3 min ago`. */
export function formatAge(ms: number, locale: Locale): string {
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (locale === 'zh-CN') {
    if (minutes < 1) return '刚刚';
    if (hours < 1) return `${minutes} 分钟前`;
    if (days < 1) return `${hours} 小时前`;
    return `${days} 天前`;
  }
  if (minutes < 1) return 'just now';
  if (hours < 1) return `${minutes} min ago`;
  if (days < 1) return `${hours} h ago`;
  return `${days} d ago`;
}
