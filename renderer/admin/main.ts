import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { registerElement } from './element';
import { createAdminI18n } from './i18n';
import { createAdminRouter } from './router';
import { useLocaleStore } from './stores/locale';
import { useSessionStore } from './stores/session';
import './styles/admin.css';

async function start(): Promise<void> {
  const pinia = createPinia();
  const app = createApp(App).use(pinia);
  const locale = useLocaleStore();
  const i18n = createAdminI18n(locale.locale);
  app.use(i18n);
  registerElement(app);
  await useSessionStore().restore();
  app.use(createAdminRouter());
  app.mount('#app');
}

start().catch((error: unknown) => {
  console.error('the back office could not start', error);
});
