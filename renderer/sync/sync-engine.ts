import { MAX_PULL_LIMIT } from '../../core/sync';
import { pruneAnswered } from '../db/outbox';
import type { PosDb } from '../db/pos-db';
import { readMeta, writeMeta } from '../db/sync-meta';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { defaultLock, type ExclusiveLock } from './exclusive-lock';
import { pullAll } from './pull-mirror';
import { OutboxPusher, type StepResult } from './push-outbox';
import type { SyncHandlers } from './sync-handlers';
import { INITIAL_SYNC_STATUS, type SyncStatus } from './sync-status';
import type { SyncTransport } from './sync-transport';
import { Waker } from './waker';

export interface SyncEngineOptions {
  db: PosDb;
  transport: SyncTransport;
  /** What each feature does with pulled rows and push answers (registered when the app is composed). */
  handlers: SyncHandlers;
  /** The terminal id the device token belongs to. */
  deviceId: string;
  storeId: string;
  lock?: ExclusiveLock;
  clock?: () => number;
  random?: () => number;
  pushBatch?: number;
  pullLimit?: number;
  backoff?: BackoffPolicy;
  /** Between syncs when all is well; a nudge (server event, local write) cuts it short. */
  idleMs?: number;
  /** Listen to the server's nudges (SSE). */
  live?: boolean;
}

const KEEP_ANSWERED_MS = 14 * 86_400_000;

/**
 * One sync engine per terminal: whichever window holds the Web Lock pushes the outbox and pulls
 * the mirror; the others only nudge it (BroadcastChannel) and show its status.
 */
export class SyncEngine {
  private current: SyncStatus = { ...INITIAL_SYNC_STATUS };
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private readonly waker = new Waker();
  private readonly clock: () => number;
  private readonly pusher: OutboxPusher;
  private running: { controller: AbortController; done: Promise<void>; channel: BroadcastChannel | null } | null = null;
  private cycleChain: Promise<StepResult> = Promise.resolve({ ok: true });

  constructor(private readonly options: SyncEngineOptions) {
    this.clock = options.clock ?? Date.now;
    this.pusher = new OutboxPusher(
      {
        db: options.db,
        transport: options.transport,
        handlers: options.handlers,
        deviceId: options.deviceId,
        clock: this.clock,
        onContact: () => this.touch(),
        onProgress: () => this.update({ activity: 'pushing' }),
      },
      options.pushBatch ?? 200,
    );
  }

  get status(): SyncStatus {
    return this.current;
  }

  subscribe(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }

  private get lockName(): string {
    return `hexiao-sync:${this.options.db.name}`;
  }

  start(): void {
    if (this.running) return;
    const controller = new AbortController();
    const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(this.lockName) : null;
    if (channel) channel.onmessage = (event: MessageEvent) => this.onChannel(event.data);
    const lock = this.options.lock ?? defaultLock();
    const done = lock(this.lockName, controller.signal, () => this.lead(controller.signal)).catch(() => undefined);
    this.running = { controller, done, channel };
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = null;
    running.controller.abort();
    this.waker.nudge();
    await running.done;
    await this.cycleChain;
    running.channel?.close();
    this.update({ leader: false, activity: 'idle' });
  }

  /** Something changed here or on the server: sync soon, in whichever window leads. */
  nudge(): void {
    if (this.current.leader || !this.running) this.waker.nudge();
    else this.running.channel?.postMessage({ type: 'nudge' });
  }

  /** One push-then-pull cycle; cycles never overlap. */
  syncOnce(): Promise<StepResult> {
    const next = this.cycleChain.then(() => this.cycle());
    this.cycleChain = next.catch((error: unknown) => ({ ok: false, retry: true, code: String(error) }));
    return next;
  }

  private onChannel(message: unknown): void {
    const data = message as { type?: string; status?: SyncStatus };
    if (data.type === 'nudge' && this.current.leader) this.waker.nudge();
    if (data.type === 'status' && data.status && !this.current.leader) this.update({ ...data.status, leader: false }, false);
  }

  private update(patch: Partial<SyncStatus>, broadcast = true): void {
    this.current = { ...this.current, ...patch };
    for (const listener of this.listeners) listener(this.current);
    if (broadcast && this.current.leader) this.running?.channel?.postMessage({ type: 'status', status: this.current });
  }

  private async touch(): Promise<void> {
    await writeMeta(this.options.db, 'lastContactAt', this.clock());
    if (this.current.connection !== 'online') this.update({ connection: 'online' });
  }

  private async ensureScope(): Promise<void> {
    const { db, storeId } = this.options;
    if ((await readMeta(db, 'scopeStoreId')) === storeId) return;
    await db.transaction('rw', [...db.mirrorTables(), db.syncMeta], async () => {
      for (const table of db.mirrorTables()) await table.clear();
      await db.syncMeta.bulkDelete(['cursor', 'snapshot', 'mirrorFreshAsOf']);
      await writeMeta(db, 'scopeStoreId', storeId);
    });
  }

  private async cycle(): Promise<StepResult> {
    const { db, transport } = this.options;
    await this.ensureScope();
    const pushed = await this.pusher.pushAll();
    if (!pushed.ok) return this.failed(pushed);
    const pulled = await pullAll({
      db,
      transport,
      handlers: this.options.handlers,
      clock: this.clock,
      limit: this.options.pullLimit ?? MAX_PULL_LIMIT,
      onContact: () => this.touch(),
      onPage: (snapshot) => this.update({ activity: 'pulling', snapshot }),
    });
    if (!pulled.ok) return this.failed(pulled);
    await pruneAnswered(db, KEEP_ANSWERED_MS, this.clock());
    this.update({ connection: 'online', activity: 'idle', lastSyncAt: this.clock(), snapshot: null, problem: null, retryAt: null });
    return pulled;
  }

  private failed(result: Extract<StepResult, { ok: false }>): StepResult {
    if (result.retry) this.update({ connection: 'offline', activity: 'waiting' });
    else this.update({ activity: 'waiting', problem: result.code });
    return result;
  }

  private async lead(signal: AbortSignal): Promise<void> {
    // After a reload the last contact is the best "last sync" to show until the next one.
    const lastContactAt = await readMeta(this.options.db, 'lastContactAt');
    this.update({ leader: true, lastSyncAt: this.current.lastSyncAt ?? lastContactAt ?? null });
    const live = this.options.live ?? true ? this.listen(signal) : Promise.resolve();
    const policy = this.options.backoff ?? DEFAULT_BACKOFF;
    let attempt = 0;
    while (!signal.aborted) {
      const result = await this.syncOnce();
      if (signal.aborted) break;
      attempt = result.ok ? 0 : attempt + 1;
      const delay = result.ok ? (this.options.idleMs ?? 30_000) : result.retry ? backoffDelay(attempt, policy, this.options.random) : policy.maxMs;
      this.update({ retryAt: result.ok ? null : this.clock() + delay });
      await this.waker.sleep(delay);
    }
    await live;
  }

  /** Keeps the server's event stream open; every nudge (and every reconnect) starts a sync. */
  private async listen(signal: AbortSignal): Promise<void> {
    const policy = this.options.backoff ?? DEFAULT_BACKOFF;
    let attempt = 0;
    while (!signal.aborted) {
      try {
        await this.options.transport.events(signal, (name) => {
          if (name === 'open') attempt = 0;
          if (name === 'open' || name === 'nudge') this.waker.nudge();
        });
      } catch {
        // Out of reach or refused: the sync loop reports it; keep trying in the background.
      }
      if (signal.aborted) break;
      attempt += 1;
      await new Promise<void>((done) => {
        const timer = setTimeout(done, backoffDelay(attempt, policy, this.options.random));
        signal.addEventListener('abort', () => (clearTimeout(timer), done()), { once: true });
      });
    }
  }
}
