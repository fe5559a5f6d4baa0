export interface MissLimit {
  /** This many misses inside `windowMs` lock the key out. */
  maxMisses: number;
  windowMs: number;
  lockoutMs: number;
}

const SWEEP_THRESHOLD = 10_000;

/**
 * Counts failed look-ups per key (terminal, store, client address) and locks a key out for a
 * while once it guesses too often. In memory: each node limits on its own.
 */
export class MissLimiter {
  private readonly misses = new Map<string, number[]>();
  private readonly lockedUntil = new Map<string, number>();

  constructor(
    private readonly limit: MissLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until the key may try again; 0 when it is not locked. */
  lockedFor(key: string): number {
    const until = this.lockedUntil.get(key);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left > 0) return left;
    this.lockedUntil.delete(key);
    return 0;
  }

  recordMiss(key: string): void {
    const now = this.now();
    const recent = (this.misses.get(key) ?? []).filter((t) => t > now - this.limit.windowMs);
    recent.push(now);
    if (recent.length >= this.limit.maxMisses) {
      this.lockedUntil.set(key, now + this.limit.lockoutMs);
      this.misses.delete(key);
    } else {
      this.misses.set(key, recent);
    }
    if (this.misses.size + this.lockedUntil.size > SWEEP_THRESHOLD) this.sweep(now);
  }

  private sweep(now: number): void {
    for (const [key, times] of this.misses) {
      if (times.every((t) => t <= now - this.limit.windowMs)) this.misses.delete(key);
    }
    for (const [key, until] of this.lockedUntil) if (until <= now) this.lockedUntil.delete(key);
  }
}
