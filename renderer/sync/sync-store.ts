import { liveQuery, type Subscription } from 'dexie';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { pos } from '../bridge';
import { posDb } from '../db/instance';
import { outboxBacklog, type OutboxBacklog } from '../db/outbox';
import type { LocalRedemption, Pairing } from '../db/pos-db';
import type { StepResult } from './push-outbox';
import { SyncEngine } from './sync-engine';
import type { SyncHandlers } from './sync-handlers';
import { INITIAL_SYNC_STATUS, type SyncStatus } from './sync-status';
import { createHttpSyncTransport } from './sync-transport';

/** What the app composes the engine with; the engine itself knows no feature. */
export interface SyncWiring {
  handlers: SyncHandlers;
  /** Hears every status change with the one before. */
  onStatus: (next: SyncStatus, previous: SyncStatus) => void;
  /** The local redemptions changed (a settlement written here or in another window). */
  onRedemptionsChanged: () => void;
}

/** The sync engine of this window and what the screen shows of it. */
export const useSyncStore = defineStore('sync', () => {
  const status = ref<SyncStatus>({ ...INITIAL_SYNC_STATUS });
  const backlog = ref<OutboxBacklog>({ count: 0, oldestAt: null });
  const conflicts = ref<LocalRedemption[]>([]);
  /** Ticks every few seconds so ages on screen move. */
  const now = ref(Date.now());
  const engine = shallowRef<SyncEngine | null>(null);
  /** Told to the server on each sync request, with the pending outbox count. */
  const appVersion = ref<string | null>(null);

  function learnAppVersion(): void {
    if (appVersion.value !== null || typeof window === 'undefined') return;
    pos()
      .getRuntimeInfo()
      .then((info) => (appVersion.value = info.appVersion))
      .catch(() => undefined);
  }
  let stops: (() => void)[] = [];

  const pendingAgeMs = computed(() => (backlog.value.oldestAt === null ? null : Math.max(0, now.value - backlog.value.oldestAt)));

  function watchDb(wiring: SyncWiring): void {
    const db = posDb();
    const subscriptions: Subscription[] = [
      liveQuery(() => outboxBacklog(db)).subscribe((value) => {
        // Anything written to the outbox, in this window or another, is pushed at once.
        const grew = value.count > backlog.value.count;
        backlog.value = value;
        if (grew) nudge();
      }),
      liveQuery(() => db.redemptions.where('status').equals('conflict').toArray()).subscribe((rows) => (conflicts.value = rows)),
      liveQuery(() => db.redemptions.toCollection().primaryKeys()).subscribe(() => wiring.onRedemptionsChanged()),
    ];
    stops.push(() => subscriptions.forEach((s) => s.unsubscribe()));
  }

  function adopt(next: SyncStatus, wiring: SyncWiring): void {
    const previous = status.value;
    status.value = next;
    wiring.onStatus(next, previous);
  }

  /** Starts syncing for this pairing; the Web Lock decides which window actually runs the engine. */
  function start(pairing: Pairing, wiring: SyncWiring): void {
    stop();
    learnAppVersion();
    const next = new SyncEngine({
      db: posDb(),
      transport: createHttpSyncTransport({
        baseUrl: pairing.serverUrl,
        token: pairing.token,
        report: () => ({ pendingOutbox: backlog.value.count, appVersion: appVersion.value }),
      }),
      deviceId: pairing.terminalId,
      storeId: pairing.storeId,
      handlers: wiring.handlers,
    });
    stops.push(next.subscribe((changed) => adopt(changed, wiring)));
    watchDb(wiring);
    const timer = setInterval(() => (now.value = Date.now()), 5_000);
    stops.push(() => clearInterval(timer));
    next.start();
    engine.value = next;
  }

  function stop(): void {
    const running = engine.value;
    engine.value = null;
    stops.forEach((s) => s());
    stops = [];
    if (running) void running.stop();
    status.value = { ...INITIAL_SYNC_STATUS };
  }

  /** Something was written to the outbox, or the network is back: sync now. */
  function nudge(): void {
    engine.value?.nudge();
  }

  /**
   * One push-and-pull cycle on demand, answered when it ends; null when this window does not run
   * the engine (the leading window is nudged instead) or sync has not started.
   */
  async function syncNow(): Promise<StepResult | null> {
    const running = engine.value;
    if (!running) return null;
    if (status.value.leader) return running.syncOnce();
    running.nudge();
    return null;
  }

  return { status, backlog, conflicts, now, pendingAgeMs, start, stop, nudge, syncNow };
});
