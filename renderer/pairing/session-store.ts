import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Result } from '../../core/result';
import { isTransportFailure, type ApiErrorCode } from '../shared/api/api-error';
import { createPosServerApi, type PosServerApi } from '../api/pos-server-api';
import type { PairResponse } from '../api/terminal-schemas';
import { posDb } from '../db/instance';
import type { Pairing } from '../db/pos-db';
import { deleteSetting, readSetting, writeSetting } from '../db/settings';
import { normalizeServerUrl } from './server-url';

export type SessionPhase = 'loading' | 'unpaired' | 'pairing' | 'paired';
export type Connectivity = 'checking' | 'online' | 'offline';
export type PairingProblem = ApiErrorCode | 'INVALID_URL' | 'MISSING_CODE';

export const HEALTH_INTERVAL_MS = 10_000;

function pairingFrom(serverUrl: string, answer: PairResponse, now: Date): Pairing {
  return {
    serverUrl,
    token: answer.token,
    terminalId: answer.terminal.id,
    terminalName: answer.terminal.name,
    storeId: answer.store.id,
    storeName: answer.store.name,
    merchantId: answer.merchant.id,
    merchantName: answer.merchant.name,
    timeZone: answer.merchant.timeZone,
    pairedAt: now.toISOString(),
  };
}

/** Which server this terminal talks to, with what token, and whether it can reach it. */
export const useSessionStore = defineStore('session', () => {
  const phase = ref<SessionPhase>('loading');
  const pairing = ref<Pairing | null>(null);
  const problem = ref<PairingProblem | null>(null);
  const revoked = ref(false);
  const autoPairing = ref(false);
  const connectivity = ref<Connectivity>('checking');
  const serverUrlDraft = ref('');
  const api = shallowRef<PosServerApi | null>(null);

  const timeZone = computed(() => pairing.value?.timeZone ?? 'Asia/Shanghai');

  function adopt(next: Pairing | null): void {
    pairing.value = next;
    api.value = next ? createPosServerApi({ baseUrl: next.serverUrl, token: next.token }) : null;
    phase.value = next ? 'paired' : 'unpaired';
  }

  /** Every answer, or its absence, says whether the server is reachable. */
  function noteResult(result: Result<unknown, ApiErrorCode>): void {
    connectivity.value = !result.ok && isTransportFailure(result) ? 'offline' : 'online';
    if (!result.ok && result.code === 'UNAUTHORIZED') void unpair(true);
  }

  async function init(launch: { serverUrl: string | null; pairingCode: string | null }): Promise<void> {
    const stored = await readSetting(posDb(), 'pairing');
    if (stored) {
      adopt(stored);
      void refreshIdentity();
      return;
    }
    adopt(null);
    serverUrlDraft.value = launch.serverUrl ?? '';
    if (launch.serverUrl && launch.pairingCode) {
      autoPairing.value = true;
      await pair(launch.serverUrl, launch.pairingCode);
      autoPairing.value = false;
    }
  }

  async function pair(serverUrlInput: string, pairingCodeInput: string): Promise<boolean> {
    const serverUrl = normalizeServerUrl(serverUrlInput);
    const pairingCode = pairingCodeInput.trim();
    problem.value = !serverUrl ? 'INVALID_URL' : !pairingCode ? 'MISSING_CODE' : null;
    if (!serverUrl || problem.value) return false;
    phase.value = 'pairing';
    const answer = await createPosServerApi({ baseUrl: serverUrl }).pair(pairingCode);
    connectivity.value = !answer.ok && isTransportFailure(answer) ? 'offline' : 'online';
    if (!answer.ok) {
      problem.value = answer.code;
      phase.value = 'unpaired';
      return false;
    }
    const next = pairingFrom(serverUrl, answer.value, new Date());
    await writeSetting(posDb(), 'pairing', next);
    revoked.value = false;
    adopt(next);
    return true;
  }

  /** Names change in the back office; the token may have been revoked there too. */
  async function refreshIdentity(): Promise<void> {
    const current = pairing.value;
    if (!current || !api.value) return;
    const answer = await api.value.me();
    noteResult(answer);
    if (!answer.ok || pairing.value !== current) return;
    const { terminal, store, merchant } = answer.value;
    const next: Pairing = {
      ...current,
      terminalName: terminal.name,
      storeName: store.name,
      merchantName: merchant.name,
      timeZone: merchant.timeZone,
    };
    await writeSetting(posDb(), 'pairing', next);
    pairing.value = next;
  }

  async function unpair(wasRevoked: boolean): Promise<void> {
    serverUrlDraft.value = pairing.value?.serverUrl ?? serverUrlDraft.value;
    await deleteSetting(posDb(), 'pairing');
    revoked.value = wasRevoked;
    adopt(null);
  }

  async function checkHealth(): Promise<void> {
    if (api.value) noteResult(await api.value.health());
  }

  /** Polls the server while paired and reacts to the OS's own network events; returns a stop. */
  function watchConnectivity(target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): () => void {
    const check = (): void => void checkHealth();
    const offline = (): void => {
      connectivity.value = 'offline';
    };
    const timer = setInterval(check, HEALTH_INTERVAL_MS);
    target.addEventListener('online', check);
    target.addEventListener('offline', offline);
    check();
    return () => {
      clearInterval(timer);
      target.removeEventListener('online', check);
      target.removeEventListener('offline', offline);
    };
  }

  return {
    phase,
    pairing,
    problem,
    revoked,
    autoPairing,
    connectivity,
    serverUrlDraft,
    api,
    timeZone,
    init,
    pair,
    refreshIdentity,
    unpair,
    noteResult,
    checkHealth,
    watchConnectivity,
  };
});
