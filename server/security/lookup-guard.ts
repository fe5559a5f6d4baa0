import type { TerminalSession } from '../repositories/terminal-session';
import { MissLimiter, type MissLimit } from './miss-limiter';

export interface LookupLimits {
  perTerminal: MissLimit;
  perStore: MissLimit;
}

const FIVE_MINUTES = 5 * 60_000;

export const DEFAULT_LOOKUP_LIMITS: LookupLimits = {
  perTerminal: { maxMisses: 20, windowMs: FIVE_MINUTES, lockoutMs: FIVE_MINUTES },
  perStore: { maxMisses: 60, windowMs: FIVE_MINUTES, lockoutMs: FIVE_MINUTES },
};

/** Voucher-code guessing protection: "not found" answers are counted per terminal and per store. */
export class LookupGuard {
  private readonly terminals: MissLimiter;
  private readonly stores: MissLimiter;

  constructor(limits: LookupLimits = DEFAULT_LOOKUP_LIMITS, now: () => number = Date.now) {
    this.terminals = new MissLimiter(limits.perTerminal, now);
    this.stores = new MissLimiter(limits.perStore, now);
  }

  /** Milliseconds this session must wait before looking up codes again; 0 when it may. */
  blockedFor(session: TerminalSession): number {
    return Math.max(this.terminals.lockedFor(session.terminal.id), this.stores.lockedFor(session.store.id));
  }

  recordMiss(session: TerminalSession): void {
    this.terminals.recordMiss(session.terminal.id);
    this.stores.recordMiss(session.store.id);
  }
}
