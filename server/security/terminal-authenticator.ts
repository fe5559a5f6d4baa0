import type { Db } from '../db/database';
import { findSessionByTokenHash } from '../repositories/terminal-repository';
import type { TerminalSession } from '../repositories/terminal-session';
import { sha256Hex } from './secrets';

interface Cached {
  session: TerminalSession;
  disabled: boolean;
  until: number;
}

/** A token's standing: its terminal's session, or why it is refused. */
export type TokenCheck = { ok: true; session: TerminalSession } | { ok: false; refusal: 'UNAUTHORIZED' | 'TERMINAL_DISABLED' };

/**
 * Bearer token → terminal session. Valid tokens are cached briefly so the redeem hot path costs one
 * database round trip, not two; re-pairing, revoking, disabling or renaming on this node drops the
 * cached entry at once, on other nodes within `ttlMs`.
 */
export class TerminalAuthenticator {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The session of a usable token; undefined for an unknown, revoked or disabled one. */
  async authenticate(token: string): Promise<TerminalSession | undefined> {
    const check = await this.check(token);
    return check.ok ? check.session : undefined;
  }

  /** Like `authenticate`, and says whether a refused token belongs to a disabled terminal. */
  async check(token: string): Promise<TokenCheck> {
    const hash = sha256Hex(token);
    let hit = this.cache.get(hash);
    if (!hit || hit.until <= this.now()) {
      const found = await findSessionByTokenHash(this.db.kysely, hash);
      if (!found) {
        this.cache.delete(hash);
        return { ok: false, refusal: 'UNAUTHORIZED' };
      }
      if (this.cache.size >= this.maxEntries) this.cache.clear();
      hit = { ...found, until: this.now() + this.ttlMs };
      this.cache.set(hash, hit);
    }
    return hit.disabled ? { ok: false, refusal: 'TERMINAL_DISABLED' } : { ok: true, session: hit.session };
  }

  /** Every cached session: after announcements may have been missed. */
  forgetAll(): void {
    this.cache.clear();
  }

  forgetTerminal(terminalId: string): void {
    for (const [hash, entry] of this.cache) if (entry.session.terminal.id === terminalId) this.cache.delete(hash);
  }
}
