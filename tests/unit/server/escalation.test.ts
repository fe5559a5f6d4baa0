import { describe, expect, it } from 'vitest';
import { hitsLeft, lockoutMs, nextStrike, type EscalatingTier } from '../../../server/security/limits/escalation';

const MINUTE = 60_000;
const tier: EscalatingTier = { maxHits: 10, windowMs: 60 * MINUTE, baseLockoutMs: 5 * MINUTE, maxLockoutMs: 24 * 60 * MINUTE, forgetAfterMs: 7 * 24 * 60 * MINUTE };

describe('escalating lockouts', () => {
  it('doubles each lock up to the cap', () => {
    expect([1, 2, 3, 4, 9, 10, 11, 500].map((s) => lockoutMs(tier, s) / MINUTE)).toEqual([5, 10, 20, 40, 1280, 1440, 1440, 1440]);
  });

  it('forgets the strikes after a quiet spell', () => {
    const now = 100 * 24 * 60 * MINUTE;
    expect(nextStrike(tier, { strikes: 3, lastLockAt: now - MINUTE }, now)).toBe(4);
    expect(nextStrike(tier, { strikes: 3, lastLockAt: now - tier.forgetAfterMs }, now)).toBe(1);
  });

  it('counts the hits left in the window, none while locked, all once the window ran out', () => {
    const now = 10 * 60 * MINUTE;
    const row = { windowStart: now - MINUTE, hits: 7, strikes: 0, lockedUntil: 0, lastLockAt: 0 };
    expect(hitsLeft(tier, undefined, now)).toBe(10);
    expect(hitsLeft(tier, row, now)).toBe(3);
    expect(hitsLeft(tier, { ...row, lockedUntil: now + 1 }, now)).toBe(0);
    expect(hitsLeft(tier, { ...row, windowStart: now - tier.windowMs }, now)).toBe(10);
  });
});
