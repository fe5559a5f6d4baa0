import type { Logger } from 'pino';
import type { Db } from '../db/database';
import type { DomainMetrics } from '../metrics/domain-metrics';
import type { GuessingGuard } from '../security/limits/guessing-guard';
import type { TerminalAuthenticator } from '../security/terminal-authenticator';
import { NudgeHub } from './nudge/nudge-hub';
import { pgListener } from './nudge/pg-listener';
import { sqliteLogPoller } from './nudge/sqlite-log-poller';

/** What the sync routes need, built once per app. */
export interface SyncDeps {
  db: Db;
  now: () => Date;
  logger: Logger;
  authenticator: TerminalAuthenticator;
  hub: NudgeHub;
  /** The online look-ups' guard: unknown codes in pushes count against the same limits. */
  lookupGuard?: GuessingGuard;
  /** Entries per push transaction (default 100); 1 commits each entry alone. */
  pushGroupSize?: number;
  watermarkWaitMs?: number;
  /** SSE comment lines keep idle proxies from closing the stream. */
  heartbeatMs?: number;
  /** Push counts and timings (a server's /metrics). */
  metrics?: DomainMetrics;
}

/** The hub for this database: LISTEN/NOTIFY across processes on PostgreSQL, the log itself on SQLite. */
export function createNudgeHub(db: Db, logger: Logger): NudgeHub {
  return new NudgeHub(db.kind === 'postgres' ? pgListener(db, logger) : sqliteLogPoller(db));
}
