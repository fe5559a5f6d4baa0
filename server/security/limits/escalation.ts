/**
 * One counted limit with escalating lockouts. Hits (misses, failures) are counted in a window that
 * starts at the first hit; the hit that reaches `maxHits` locks the key for `baseLockoutMs`, doubled
 * at each further lock (a "strike") up to `maxLockoutMs`. Strikes are forgotten once the key went
 * `forgetAfterMs` without a lock.
 */
export interface EscalatingTier {
  maxHits: number;
  windowMs: number;
  baseLockoutMs: number;
  maxLockoutMs: number;
  forgetAfterMs: number;
  /**
   * Hits kept after a lock: 0 for code guessing (a fresh allowance after each lock), `maxHits - 1`
   * for login delays (once past the free failures, every further failure waits).
   */
  hitsAfterLock?: number;
}

/** What a key's row says at `now`. */
export interface CounterRow {
  windowStart: number;
  hits: number;
  strikes: number;
  lockedUntil: number;
  lastLockAt: number;
}

/** The strike a lock taken at `now` counts as (1 for the first, or after a long quiet spell). */
export function nextStrike(tier: EscalatingTier, row: Pick<CounterRow, 'strikes' | 'lastLockAt'>, now: number): number {
  return row.strikes === 0 || row.lastLockAt <= now - tier.forgetAfterMs ? 1 : row.strikes + 1;
}

export function lockoutMs(tier: EscalatingTier, strike: number): number {
  // 2^40 already exceeds any cap; the exponent is bounded so the product stays a finite number.
  return Math.min(tier.baseLockoutMs * 2 ** Math.min(Math.max(strike - 1, 0), 40), tier.maxLockoutMs);
}

/** Hits the key may still take before it locks (0 while locked). */
export function hitsLeft(tier: EscalatingTier, row: CounterRow | undefined, now: number): number {
  if (!row) return tier.maxHits;
  if (row.lockedUntil > now) return 0;
  const used = row.windowStart <= now - tier.windowMs ? 0 : row.hits;
  return Math.max(tier.maxHits - used, 0);
}
