import type { CounterStore } from './counter-store';

/** At most `limit` requests per `windowMs` (windows aligned to the epoch, so every node agrees on them). */
export interface RateRule {
  limit: number;
  windowMs: number;
}

interface Window {
  /** Requests this node allowed and has not written yet. */
  pending: number;
  /** Being written by the sync in flight (counted until its total comes back). */
  inFlight: number;
  /** Every node's requests in this window, as of this node's last sync. */
  shared: number;
  ends: number;
}

const SYNC_MS = 250;
const SWEEP_MS = 60_000;

/**
 * Request rate limits shared by every node through the database, without a write per request. Far
 * from its limit (under half) a window is counted locally, and each node adds what it counted to
 * the shared rows at most every 250 ms, reading back everyone's totals in one statement. From half
 * the limit on, each request is added to the shared row at once and decided on the total, so the
 * limit itself is exact; other nodes' unsynced requests (each under half the limit, from at most
 * the last quarter second) are the only overshoot.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private lastSync = 0;
  private lastSweep = 0;
  private syncing: Promise<void> | undefined;

  constructor(
    private readonly store: CounterStore,
    private readonly now: () => number,
    private readonly onError: (error: unknown) => void = () => undefined,
    /** Paces the syncs (real time, whatever clock the windows follow). */
    private readonly pace: () => number = () => performance.now(),
  ) {}

  /** Counts one request of `id` under `name`; resolves to 0 when allowed, else the milliseconds until its window ends. */
  async take(name: string, rule: RateRule, id: string): Promise<number> {
    const now = this.now();
    const start = Math.floor(now / rule.windowMs) * rule.windowMs;
    const key = `rate:${name}:${id}:${start}`;
    let window = this.windows.get(key);
    if (!window) this.windows.set(key, (window = { pending: 0, inFlight: 0, shared: 0, ends: start + rule.windowMs }));
    if (this.pace() - this.lastSync >= SYNC_MS && !this.syncing) this.startSync(now);
    if (window.shared >= rule.limit) return window.ends - now;
    if ((window.shared + window.inFlight + window.pending + 1) * 2 < rule.limit) {
      window.pending++;
      return 0;
    }
    const n = window.pending + 1;
    window.pending = 0;
    try {
      const total = (await this.store.addMany(new Map([[key, n]]), now)).get(key) ?? n;
      window.shared = Math.max(window.shared, total);
      return total <= rule.limit ? 0 : window.ends - now;
    } catch (error) {
      // The database is down: the request goes on (the routes behind fail anyway), counted locally.
      window.pending += n;
      this.onError(error);
      return 0;
    }
  }

  /** Waits for a sync in flight (tests, and a node stopping). */
  async flush(): Promise<void> {
    await this.syncing;
    this.startSync(this.now());
    await this.syncing;
  }

  private startSync(now: number): void {
    this.lastSync = this.pace();
    const hits = new Map<string, number>();
    for (const [key, window] of this.windows) {
      if (window.ends <= now) this.windows.delete(key);
      else hits.set(key, window.pending);
    }
    if (hits.size === 0) return;
    for (const [key, n] of hits) {
      const window = this.windows.get(key)!;
      window.pending = 0;
      window.inFlight += n;
    }
    this.syncing = this.sync(hits, now)
      .catch((error: unknown) => {
        // Not written: counted again at the next sync.
        for (const [key, n] of hits) {
          const window = this.windows.get(key);
          if (window) window.pending += n;
        }
        this.onError(error);
      })
      .finally(() => {
        for (const [key, n] of hits) {
          const window = this.windows.get(key);
          if (window) window.inFlight -= n;
        }
      })
      .finally(() => (this.syncing = undefined));
  }

  private async sync(hits: Map<string, number>, now: number): Promise<void> {
    const totals = await this.store.addMany(hits, now);
    for (const [key, total] of totals) {
      const window = this.windows.get(key);
      // Requests allowed while the sync ran are still pending on top of the total.
      if (window) window.shared = Math.max(window.shared, total);
    }
    if (now - this.lastSweep >= SWEEP_MS) {
      this.lastSweep = now;
      // Rules' windows are a minute at most: older rows are done with.
      await this.store.sweep('rate:', now - 10 * SWEEP_MS);
    }
  }
}
