import { defineStore } from 'pinia';
import { ref } from 'vue';
import { posDb } from '../db/instance';
import { readSetting, writeSetting } from '../db/settings';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../shared/i18n/locales';

/** The cashier's language, remembered on this terminal. */
export const useLocaleStore = defineStore('locale', () => {
  const locale = ref<Locale>(DEFAULT_LOCALE);

  async function load(): Promise<void> {
    const saved = await readSetting(posDb(), 'language');
    if (isLocale(saved)) locale.value = saved;
  }

  async function choose(next: Locale): Promise<void> {
    locale.value = next;
    await writeSetting(posDb(), 'language', next);
  }

  return { locale, load, choose };
});
