import { defineStore } from 'pinia';
import { ref } from 'vue';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../shared/i18n/locales';

const KEY = 'hexiao.admin.locale';

function saved(): Locale {
  try {
    const value = window.localStorage.getItem(KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** The back-office user's language, remembered in this browser; zh-CN until they choose. */
export const useLocaleStore = defineStore('admin-locale', () => {
  const locale = ref<Locale>(saved());

  function choose(next: Locale): void {
    locale.value = next;
    try {
      window.localStorage.setItem(KEY, next);
    } catch {
      // A browser that refuses storage still switches for this visit.
    }
  }

  return { locale, choose };
});
