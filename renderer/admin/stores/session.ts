import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ApiFailure } from '../../shared/api/api-error';
import { setAdminToken } from '../api/client';
import { sessionApi, type MerchantSession } from '../api/session-api';

const KEY = 'hexiao.admin.token';

function stored(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function store(token: string | null): void {
  try {
    if (token) window.localStorage.setItem(KEY, token);
    else window.localStorage.removeItem(KEY);
  } catch {
    // Without storage the session lasts as long as the page.
  }
}

/** Who is signed in: the bearer token (kept in this browser) and the session the server answered. */
export const useSessionStore = defineStore('admin-session', () => {
  const session = ref<MerchantSession | null>(null);
  /** Set when the server stopped accepting the token, so the sign-in page can say why. */
  const expired = ref(false);
  const signedIn = computed(() => session.value !== null);
  const role = computed(() => session.value?.user.role ?? null);
  const timeZone = computed(() => session.value?.merchant.timeZone ?? 'Asia/Shanghai');

  function forget(): void {
    session.value = null;
    store(null);
    setAdminToken(null);
  }

  function unauthorized(): void {
    if (session.value) expired.value = true;
    forget();
  }

  /** On page load: a remembered token is kept only if the server still knows it. */
  async function restore(): Promise<void> {
    const token = stored();
    if (!token) return;
    setAdminToken(token, unauthorized);
    const me = await sessionApi.me();
    if (me.ok) session.value = me.value;
    else if (me.code === 'UNAUTHORIZED') forget();
  }

  async function login(merchant: string, login: string, password: string): Promise<ApiFailure | null> {
    const answer = await sessionApi.login(merchant, login, password);
    if (!answer.ok) return answer;
    const { token, ...rest } = answer.value;
    store(token);
    setAdminToken(token, unauthorized);
    session.value = rest;
    expired.value = false;
    return null;
  }

  async function logout(): Promise<void> {
    await sessionApi.logout();
    forget();
  }

  return { session, expired, signedIn, role, timeZone, restore, login, logout };
});
