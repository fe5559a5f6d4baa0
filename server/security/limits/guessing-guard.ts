import type { CounterStore } from './counter-store';
import { hitsLeft, type EscalatingTier } from './escalation';
import type { GuessingLimits } from './guessing-limits';

/** Who is looking codes up: the terminal, its store and the address its requests come from. */
export interface GuessSubject {
  merchantId: string;
  storeId: string;
  terminalId: string;
  address: string;
}

export type GuessScope = 'terminal' | 'store' | 'address';

export interface GuessLock {
  subject: GuessSubject;
  scope: GuessScope;
  until: number;
  strike: number;
  forMs: number;
}

interface Counted {
  key: string;
  scope: GuessScope;
  tier: EscalatingTier;
}

/**
 * Code-guessing protection shared by every node: each look-up first reads the subject's counters
 * (one indexed read), and each miss is added to all of them. `onLock` hears every new lock (alerts).
 */
export class GuessingGuard {
  constructor(
    private readonly store: CounterStore,
    private readonly limits: GuessingLimits,
    private readonly now: () => number,
    private readonly onLock: (lock: GuessLock) => Promise<void> = async () => undefined,
  ) {}

  /** Milliseconds the subject must wait before looking codes up again; 0 when it may. */
  async blockedFor(subject: GuessSubject): Promise<number> {
    const counted = this.counted(subject);
    const rows = await this.store.read(counted.map((c) => c.key));
    const now = this.now();
    let wait = 0;
    for (const row of rows.values()) wait = Math.max(wait, row.lockedUntil - now);
    return wait;
  }

  /** Misses the subject may still make before one of its counters locks (0 while locked). */
  async missesLeft(subject: GuessSubject): Promise<number> {
    const counted = this.counted(subject);
    const rows = await this.store.read(counted.map((c) => c.key));
    const now = this.now();
    return Math.min(...counted.map((c) => hitsLeft(c.tier, rows.get(c.key), now)));
  }

  async recordMisses(subject: GuessSubject, n = 1): Promise<void> {
    if (n <= 0) return;
    const now = this.now();
    for (const c of this.counted(subject)) {
      const added = await this.store.add(c.key, n, c.tier, now);
      if (added.lock) await this.onLock({ subject, scope: c.scope, ...added.lock });
    }
  }

  private counted(s: GuessSubject): Counted[] {
    const scopes: [GuessScope, string, readonly EscalatingTier[]][] = [
      ['terminal', `guess:t:${s.merchantId}:${s.terminalId}`, this.limits.perTerminal],
      ['store', `guess:s:${s.merchantId}:${s.storeId}`, this.limits.perStore],
      ['address', `guess:a:${s.address}`, this.limits.perAddress],
    ];
    return scopes.flatMap(([scope, prefix, tiers]) => tiers.map((tier, i) => ({ key: `${prefix}:${i}`, scope, tier })));
  }
}
