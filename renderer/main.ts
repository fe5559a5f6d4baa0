import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { pos } from './bridge';
import { withoutLaunchParams } from './bridge/launch-params';
import { requestPersistentStorage } from './db/storage-persistence';
import { createPosI18n } from './i18n';
import { useHistoryStore } from './redeem/history-store';
import { useLocaleStore } from './i18n/locale-store';
import { useSessionStore } from './pairing/session-store';
import './styles/base.css';

async function start(): Promise<void> {
  const bridge = pos();
  const launch = await bridge.getLaunchConfig();
  // A one-time pairing code must not stay in the address bar, the history or a bookmark.
  window.history.replaceState(window.history.state, '', withoutLaunchParams(window.location.href));

  const pinia = createPinia();
  const app = createApp(App).use(pinia);
  const localeStore = useLocaleStore();
  await localeStore.load();
  app.use(createPosI18n(localeStore.locale));
  app.mount('#app');

  void requestPersistentStorage();
  await useSessionStore().init(launch);
  await useHistoryStore().load();
}

start().catch((error: unknown) => {
  console.error('the POS could not start', error);
});
