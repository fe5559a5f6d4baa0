/** One open event stream: told to pull, or closed when the server stops. */
export interface NudgeListener {
  nudge(): void;
  close(): void;
}

/** Where changes are heard: the change log itself (SQLite) or PostgreSQL notifications. */
export interface ChangeSource {
  /** `changed` for each scope that changed; `resync` when changes may have been missed. */
  start(changed: (merchantId: string, storeId: string | null) => void, resync: () => void): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Fans changes out to the terminals listening for their store. A burst of changes becomes one
 * nudge per listener: they are gathered for `coalesceMs` and then sent together.
 */
export class NudgeHub {
  private readonly byMerchant = new Map<string, Map<NudgeListener, string>>();
  private readonly due = new Set<NudgeListener>();
  private timer: NodeJS.Timeout | undefined;
  private started = false;

  constructor(
    private readonly source: ChangeSource | null,
    private readonly coalesceMs = 50,
  ) {}

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.source?.start(
      (merchantId, storeId) => this.changed(merchantId, storeId),
      () => this.nudgeEveryone(),
    );
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.due.clear();
    if (this.started) await this.source?.stop();
    this.started = false;
    for (const listeners of this.byMerchant.values()) for (const listener of listeners.keys()) listener.close();
    this.byMerchant.clear();
  }

  subscribe(merchantId: string, storeId: string, listener: NudgeListener): () => void {
    let listeners = this.byMerchant.get(merchantId);
    if (!listeners) this.byMerchant.set(merchantId, (listeners = new Map()));
    listeners.set(listener, storeId);
    return () => {
      listeners.delete(listener);
      this.due.delete(listener);
      if (listeners.size === 0 && this.byMerchant.get(merchantId) === listeners) this.byMerchant.delete(merchantId);
    };
  }

  get listenerCount(): number {
    let n = 0;
    for (const listeners of this.byMerchant.values()) n += listeners.size;
    return n;
  }

  /** A change in a merchant's scope: one store's, or every store's when `storeId` is null. */
  changed(merchantId: string, storeId: string | null): void {
    const listeners = this.byMerchant.get(merchantId);
    if (!listeners) return;
    for (const [listener, store] of listeners) if (storeId === null || storeId === store) this.due.add(listener);
    this.schedule();
  }

  private nudgeEveryone(): void {
    for (const listeners of this.byMerchant.values()) for (const listener of listeners.keys()) this.due.add(listener);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.due.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const now = [...this.due];
      this.due.clear();
      for (const listener of now) listener.nudge();
    }, this.coalesceMs);
  }
}
