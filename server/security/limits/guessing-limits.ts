import type { EscalatingTier } from './escalation';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Voucher-code guessing: "not found" answers (online look-ups and offline redemptions in a push)
 * counted per terminal, per store and per client address, each in two tiers, in the database.
 *
 * Why these figures. A code is 11 digits and a check digit, so a guess that passes the check digit
 * hits one of 1,000,000 live codes with p = 10^6 / 10^11 = 10^-5: about 100,000 guesses per hit.
 * More than a year per terminal means fewer than 100,000 / 365 ≈ 274 misses a day, sustained.
 * - Hourly tier: the 10th miss in an hour locks for 5 min, doubled at each lock up to 24 h. A
 *   cashier's typos (a few an hour, and most fail the check digit before any look-up) never reach it.
 * - Daily tier: the 100th miss in 24 h locks for 1 h, doubled up to 7 days.
 * The most a terminal can do without ever locking is 9 an hour but 99 a day: 100,000 / 99 ≈ 1,010
 * days ≈ 2.8 years. Guessing through the locks is slower still: each hourly lock allows 10 more
 * misses, and once the locks reach 24 h that is 10 a day (≈ 27 years). `npm run bench -- --only
 * guessing` replays both strategies against these tiers with a simulated clock.
 *
 * An address is limited like a terminal but with room for a few tills behind one shop router
 * (19 an hour, 149 a day: 100,000 / 149 ≈ 671 days ≈ 1.8 years).
 *
 * The store's tiers are three times the terminal's and lock for less: one terminal alone can
 * never lock its store (it is locked at 10 an hour, 100 a day first), so one till guessing — or
 * pushing a backlog of random codes — does not stop the store's other cashiers; only several of
 * its tills guessing together lock the store, for 5 minutes at first, at most 1 hour.
 */
export interface GuessingLimits {
  perTerminal: readonly EscalatingTier[];
  perStore: readonly EscalatingTier[];
  perAddress: readonly EscalatingTier[];
}

export const DEFAULT_GUESSING_LIMITS: GuessingLimits = {
  perTerminal: [
    { maxHits: 10, windowMs: HOUR, baseLockoutMs: 5 * MINUTE, maxLockoutMs: DAY, forgetAfterMs: 7 * DAY },
    { maxHits: 100, windowMs: DAY, baseLockoutMs: HOUR, maxLockoutMs: 7 * DAY, forgetAfterMs: 30 * DAY },
  ],
  perStore: [
    { maxHits: 30, windowMs: HOUR, baseLockoutMs: 5 * MINUTE, maxLockoutMs: HOUR, forgetAfterMs: DAY },
    { maxHits: 300, windowMs: DAY, baseLockoutMs: 15 * MINUTE, maxLockoutMs: HOUR, forgetAfterMs: DAY },
  ],
  perAddress: [
    { maxHits: 20, windowMs: HOUR, baseLockoutMs: 5 * MINUTE, maxLockoutMs: DAY, forgetAfterMs: 7 * DAY },
    { maxHits: 150, windowMs: DAY, baseLockoutMs: HOUR, maxLockoutMs: 7 * DAY, forgetAfterMs: 30 * DAY },
  ],
};

/** The figures the issue started from, for the bench: 20 misses in 5 minutes lock for 5 minutes, per node. */
export const OLD_GUESSING_TIER: EscalatingTier = {
  maxHits: 20,
  windowMs: 5 * MINUTE,
  baseLockoutMs: 5 * MINUTE,
  maxLockoutMs: 5 * MINUTE,
  forgetAfterMs: 0,
};
