import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../server/db/database';
import { CounterStore } from '../../../server/security/limits/counter-store';
import type { EscalatingTier } from '../../../server/security/limits/escalation';
import { GuessingGuard, type GuessSubject } from '../../../server/security/limits/guessing-guard';
import { DEFAULT_GUESSING_LIMITS, OLD_GUESSING_TIER, type GuessingLimits } from '../../../server/security/limits/guessing-limits';
import { round, type BenchGroup, type Figure } from '../figures';

const SECOND = 1_000;
const HOUR = 3_600 * SECOND;
const DAY = 24 * HOUR;
/** 1,000,000 live codes among the 10^11 that pass the check digit: one guess in 100,000 hits. */
const GUESSES_PER_HIT = 1e11 / 1e6;
const UNLIMITED: EscalatingTier = { maxHits: Number.MAX_SAFE_INTEGER, windowMs: DAY, baseLockoutMs: 0, maxLockoutMs: 0, forgetAfterMs: 0 };

type Strategy = 'greedy' | 'paced';

/**
 * Code guessing against the real limits (GuessingGuard on an SQLite file) with a simulated clock:
 * an attacker guesses as fast as the limits let it (one a second, waiting out each lock), or
 * paced just under a tier (9 an hour, never waiting for a lock it can avoid). Sustained guesses
 * per minute over a simulated year, and the expected time to hit one of 1,000,000 live codes,
 * next to the old limits (20 misses in 5 minutes lock for 5 minutes, per node).
 */
export const guessingGroup: BenchGroup = {
  name: 'guessing',
  async run({ log }) {
    const dir = mkdtempSync(join(tmpdir(), 'hexiao-bench-guessing-'));
    const db = await openDatabase({ dataDir: dir, sqliteSynchronous: 'NORMAL' });
    const store = new CounterStore(db);
    const figures: Figure[] = [];
    try {
      let run = 0;
      const simulate = async (limits: GuessingLimits, scope: 'terminal' | 'address', strategy: Strategy, days: number) => {
        run++;
        const clock = { at: Date.UTC(2026, 0, 1) };
        const guard = new GuessingGuard(store, limits, () => clock.at);
        const end = clock.at + days * DAY;
        let guesses = 0;
        // Per terminal: one till guessing from ever new addresses; per address: ever new tills (and stores) from one address.
        const subject = (n: number): GuessSubject =>
          scope === 'terminal'
            ? { merchantId: 'm', storeId: `s${run}`, terminalId: `t${run}`, address: `a${run}-${n}` }
            : { merchantId: 'm', storeId: `s${run}-${n}`, terminalId: `t${run}-${n}`, address: `a${run}` };
        while (clock.at < end) {
          const who = subject(guesses);
          const wait = await guard.blockedFor(who);
          if (wait > 0) {
            clock.at += wait;
            continue;
          }
          if (strategy === 'paced' && (await guard.missesLeft(who)) <= 1) {
            // Stays under the limits: waits for the window instead of taking the last miss.
            clock.at += 10 * 60 * SECOND;
            continue;
          }
          await guard.recordMisses(who);
          guesses++;
          clock.at += strategy === 'greedy' ? SECOND : HOUR / 9;
        }
        const perMinute = guesses / (days * 24 * 60);
        const years = GUESSES_PER_HIT / (perMinute * 60 * 24 * 365);
        return { perMinute, years };
      };

      const old: GuessingLimits = { perTerminal: [OLD_GUESSING_TIER], perStore: [UNLIMITED], perAddress: [UNLIMITED] };
      const oldTerminal = await simulate(old, 'terminal', 'greedy', 2);
      log(`   old limits (per terminal, per node; no address limit): ${round(oldTerminal.perMinute, 2)} guesses/min, one hit in ${round(oldTerminal.years * 365, 1)} days`);
      figures.push({ name: 'guessing_old_terminal_per_min', value: round(oldTerminal.perMinute, 3), unit: 'guesses/min' });
      figures.push({ name: 'guessing_old_terminal_days_to_hit', value: round(oldTerminal.years * 365, 1), unit: 'days' });

      for (const scope of ['terminal', 'address'] as const) {
        let worst = { perMinute: 0, years: Number.POSITIVE_INFINITY };
        for (const strategy of ['greedy', 'paced'] as const) {
          const r = await simulate(DEFAULT_GUESSING_LIMITS, scope, strategy, 365);
          log(`   per ${scope}, ${strategy}: ${round(r.perMinute, 4)} guesses/min over a simulated year, one hit in ${round(r.years, 2)} years`);
          if (r.perMinute > worst.perMinute) worst = r;
        }
        figures.push({ name: `guessing_${scope}_per_min`, value: round(worst.perMinute, 4), unit: 'guesses/min' });
        figures.push({ name: `guessing_${scope}_years_to_hit`, value: round(worst.years, 2), unit: 'years' });
      }
      return figures;
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
