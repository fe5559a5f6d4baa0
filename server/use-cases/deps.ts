import type { Logger } from 'pino';
import type { Db } from '../db/database';
import type { DomainMetrics } from '../metrics/domain-metrics';
import type { RedeemStatement } from '../repositories/redeem-statement';
import type { LookupGuard } from '../security/lookup-guard';
import type { MissLimiter } from '../security/miss-limiter';
import type { TerminalAuthenticator } from '../security/terminal-authenticator';

/** What the use cases need, built once per app. */
export interface UseCaseDeps {
  db: Db;
  redeem: RedeemStatement;
  lookupGuard: LookupGuard;
  /** Failed pairing attempts per client address. */
  pairingGuard: MissLimiter;
  authenticator: TerminalAuthenticator;
  now: () => Date;
  logger: Logger;
  /** Redeem counts and timings (a server's /metrics); absent: nothing is counted. */
  metrics?: DomainMetrics;
}
