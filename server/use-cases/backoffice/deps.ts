import type { Logger } from 'pino';
import type { Db } from '../../db/database';
import { CounterStore } from '../../security/limits/counter-store';
import type { EscalatingTier } from '../../security/limits/escalation';
import { SharedLimit } from '../../security/limits/shared-limit';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Login throttling, kept in the database so every node sees it. No hard lockout: past a few free
 * failures each further one makes the next attempt wait 1 s, 2 s, 4 s … up to a cap, after which the
 * right password works again; attempts during the wait are refused without being counted, so an
 * attacker cannot keep an owner out for longer than the cap.
 */
export interface LoginLimits {
  /** Failures per login name (unknown names too, so a delay does not reveal which logins exist). */
  perAccount: EscalatingTier;
  /** Failures per client address, whatever login they name. */
  perAddress: EscalatingTier;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAccount: { maxHits: 5, windowMs: HOUR, baseLockoutMs: SECOND, maxLockoutMs: MINUTE, forgetAfterMs: HOUR, hitsAfterLock: 4 },
  perAddress: { maxHits: 20, windowMs: HOUR, baseLockoutMs: SECOND, maxLockoutMs: 15 * MINUTE, forgetAfterMs: HOUR, hitsAfterLock: 19 },
};

/** Support look-ups of unknown voucher codes, per back-office user: codes are not for guessing. */
export const DEFAULT_CODE_LOOKUP_LIMIT: EscalatingTier = {
  maxHits: 20,
  windowMs: 5 * MINUTE,
  baseLockoutMs: 5 * MINUTE,
  maxLockoutMs: 24 * HOUR,
  forgetAfterMs: 24 * HOUR,
};

export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60_000;

/** What the back-office use cases need, built once per app. */
export interface BackofficeDeps {
  db: Db;
  now: () => Date;
  logger: Logger;
  loginLimits: LoginLimits;
  /** Failed logins per login name and per client address. */
  loginThrottle: { account: SharedLimit; address: SharedLimit };
  codeLookupGuard: SharedLimit;
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
  const clock = () => now().getTime();
  const loginLimits = options.loginLimits ?? DEFAULT_LOGIN_LIMITS;
  const counters = new CounterStore(options.db);
  return {
    db: options.db,
    now,
    logger: options.logger,
    loginLimits,
    loginThrottle: {
      account: new SharedLimit(counters, 'login:n', [loginLimits.perAccount], clock),
      address: new SharedLimit(counters, 'login:a', [loginLimits.perAddress], clock),
    },
    codeLookupGuard: new SharedLimit(counters, 'lookup:u', [DEFAULT_CODE_LOOKUP_LIMIT], clock),
    sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
  };
}
