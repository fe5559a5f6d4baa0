import type { Db } from '../db/database';
import { findSessionByTokenHash } from '../repositories/terminal-repository';
import type { TerminalSession } from '../repositories/terminal-session';
import { sha256Hex } from './secrets';

interface Cached {
  session: TerminalSession;
  until: number;
}

/**
 * Bearer token → terminal session. Valid tokens are cached briefly so the redeem hot path costs one
 * database round trip, not two; re-pairing on this node drops the old token at once, on other
 * nodes within `ttlMs`.
 */
export class TerminalAuthenticator {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async authenticate(token: string): Promise<TerminalSession | undefined> {
    const hash = sha256Hex(token);
    const hit = this.cache.get(hash);
    if (hit && hit.until > this.now()) return hit.session;
    const session = await findSessionByTokenHash(this.db.kysely, hash);
    if (!session) {
      this.cache.delete(hash);
      return undefined;
    }
    if (this.cache.size >= this.maxEntries) this.cache.clear();
    this.cache.set(hash, { session, until: this.now() + this.ttlMs });
    return session;
  }

  forgetTerminal(terminalId: string): void {
    for (const [hash, entry] of this.cache) if (entry.session.terminal.id === terminalId) this.cache.delete(hash);
  }
}
