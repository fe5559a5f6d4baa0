import type { Logger } from 'pino';
import type { Db } from '../db/database';
import type { RedeemStatement } from '../repositories/redeem-statement';
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
  now: () => Date;
  logger: Logger;
}
