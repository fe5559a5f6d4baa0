import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { ADMIN_BASE } from './base';
import AdminShell from './layout/AdminShell.vue';
import LoginPage from './pages/LoginPage.vue';
import { SECTIONS, sectionsFor } from './sections';
import { useSessionStore } from './stores/session';

export function createAdminRouter() {
  const routes: RouteRecordRaw[] = [
    { path: '/login', name: 'login', component: LoginPage },
    {
      path: '/',
      component: AdminShell,
      children: SECTIONS.map((section) => ({ path: section.path, name: section.key, component: section.page })),
    },
    { path: '/:rest(.*)*', redirect: '/' },
  ];
  const router = createRouter({ history: createWebHistory(ADMIN_BASE), routes });

  router.beforeEach((to) => {
    const session = useSessionStore();
    if (to.name === 'login') return session.signedIn ? '/' : true;
    if (!session.signedIn) return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } };
    const allowed = sectionsFor(session.role);
    if (to.name === undefined || !allowed.some((s) => s.key === to.name)) {
      const first = allowed[0];
      return first && to.name !== first.key ? { name: first.key } : true;
    }
    return true;
  });
  return router;
}
