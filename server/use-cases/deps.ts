import type { Logger } from 'pino';
import type { Db } from '../db/database';
import type { DomainMetrics } from '../metrics/domain-metrics';
import type { RedeemStatement } from '../repositories/redeem-statement';
import type { PublicLimits } from '../http/public-rate-limits';
import type { GuessingGuard } from '../security/limits/guessing-guard';
import type { SharedLimit } from '../security/limits/shared-limit';
import type { TerminalAuthenticator } from '../security/terminal-authenticator';

/** What the use cases need, built once per app. */
export interface UseCaseDeps {
  db: Db;
  redeem: RedeemStatement;
  lookupGuard: GuessingGuard;
  /** Failed pairing attempts per client address. */
  pairingGuard: SharedLimit;
  authenticator: TerminalAuthenticator;
  /** Request rates on the public routes, shared by every node (Express and the hot routes use this one). */
  publicLimits: PublicLimits;
  now: () => Date;
  logger: Logger;
  /** Redeem counts and timings (a server's /metrics); absent: nothing is counted. */
  metrics?: DomainMetrics;
}
