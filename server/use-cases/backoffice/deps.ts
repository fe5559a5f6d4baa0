import type { Logger } from 'pino';
import type { Db } from '../../db/database';
import { MissLimiter, type MissLimit } from '../../security/miss-limiter';

export interface LoginLimits {
  /** Failed logins in a row that lock an account (kept in the database, so every node sees it). */
  maxFailuresPerAccount: number;
  accountLockoutMs: number;
  /** Failed logins per client address, counted in memory per node. */
  perClient: MissLimit;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  maxFailuresPerAccount: 5,
  accountLockoutMs: 15 * 60_000,
  perClient: { maxMisses: 20, windowMs: 10 * 60_000, lockoutMs: 10 * 60_000 },
};

/** Support look-ups of unknown voucher codes, per back-office user: codes are not for guessing. */
export const DEFAULT_CODE_LOOKUP_LIMIT: MissLimit = { maxMisses: 20, windowMs: 5 * 60_000, lockoutMs: 5 * 60_000 };

export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60_000;

/** What the back-office use cases need, built once per app. */
export interface BackofficeDeps {
  db: Db;
  now: () => Date;
  logger: Logger;
  loginLimits: LoginLimits;
  /** Failed logins per client address. */
  loginGuard: MissLimiter;
  /** Logins that name no account lock out like real accounts do, so a lockout does not reveal which exist. */
  unknownLoginGuard: MissLimiter;
  codeLookupGuard: MissLimiter;
  sessionTtlMs: number;
}

export interface BackofficeOptions {
  db: Db;
  logger: Logger;
  now?: () => Date;
  loginLimits?: LoginLimits;
  sessionTtlMs?: number;
}

export function createBackofficeDeps(options: BackofficeOptions): BackofficeDeps {
  const now = options.now ?? (() => new Date());
  const loginLimits = options.loginLimits ?? DEFAULT_LOGIN_LIMITS;
  return {
    db: options.db,
    now,
    logger: options.logger,
    loginLimits,
    loginGuard: new MissLimiter(loginLimits.perClient, () => now().getTime()),
    unknownLoginGuard: new MissLimiter(
      { maxMisses: loginLimits.maxFailuresPerAccount, windowMs: loginLimits.accountLockoutMs, lockoutMs: loginLimits.accountLockoutMs },
      () => now().getTime(),
    ),
    codeLookupGuard: new MissLimiter(DEFAULT_CODE_LOOKUP_LIMIT, () => now().getTime()),
    sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
  };
}
