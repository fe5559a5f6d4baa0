import type { EscalatingTier } from '../../../server/security/limits/escalation';

/** A tier without escalation, for tests that need a small limit: `maxHits` in `ms` lock for `ms`. */
export function fixedTier(maxHits: number, ms: number): EscalatingTier {
  return { maxHits, windowMs: ms, baseLockoutMs: ms, maxLockoutMs: ms, forgetAfterMs: ms };
}
