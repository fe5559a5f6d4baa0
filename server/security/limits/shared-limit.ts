import type { AddResult, CounterStore } from './counter-store';
import type { EscalatingTier } from './escalation';

/** One kind of key (a login name, a client address…) limited by one or more escalating tiers, shared by every node. */
export class SharedLimit {
  constructor(
    private readonly store: CounterStore,
    private readonly prefix: string,
    private readonly tiers: readonly EscalatingTier[],
    private readonly now: () => number,
  ) {}

  /** Milliseconds `id` must wait; 0 when it may go on. */
  async waitFor(id: string): Promise<number> {
    const rows = await this.store.read(this.keys(id));
    const now = this.now();
    let wait = 0;
    for (const row of rows.values()) wait = Math.max(wait, row.lockedUntil - now);
    return wait;
  }

  /** Counts one hit; returns the locks it took (empty when none). */
  async hit(id: string): Promise<NonNullable<AddResult['lock']>[]> {
    const now = this.now();
    const locks: NonNullable<AddResult['lock']>[] = [];
    for (const [i, tier] of this.tiers.entries()) {
      const added = await this.store.add(`${this.prefix}:${id}:${i}`, 1, tier, now);
      if (added.lock) locks.push(added.lock);
    }
    return locks;
  }

  async clear(id: string): Promise<void> {
    for (const key of this.keys(id)) await this.store.clear(key);
  }

  private keys(id: string): string[] {
    return this.tiers.map((_, i) => `${this.prefix}:${id}:${i}`);
  }
}
