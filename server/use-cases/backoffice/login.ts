import { ok } from '../../../core/result';
import { runAtomically } from '../../db/atomic';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import {
  clearLoginFailures,
  findLoginCandidate,
  recordLoginFailure,
  type LoginCandidate,
} from '../../repositories/backoffice/merchant-user-repository';
import { deleteExpiredSessions, findMerchantSession, insertSession } from '../../repositories/backoffice/session-repository';
import { userAuditInsert } from '../../repositories/backoffice/user-audit';
import { verifyAgainstDecoy, verifyPassword } from '../../security/password';
import { newDeviceToken, sha256Hex } from '../../security/secrets';
import { failure, type Outcome } from '../outcome';
import { rateLimited } from '../rate-limited';
import type { BackofficeDeps } from './deps';
import { normalizeLogin } from './login-name';

export interface SignedIn extends MerchantSession {
  /** The bearer token; shown once, stored only as a hash. */
  token: string;
}

const LOGIN_FAILED = 'the login or the password is wrong';

/**
 * Password login. Wrong password, unknown merchant or login and disabled user get the same answer; failures
 * are limited per client and per login, and lock an account for a while after a few in a row.
 */
export async function login(
  deps: BackofficeDeps,
  input: { merchant: string; login: string; password: string },
  clientKey: string,
): Promise<Outcome<SignedIn>> {
  // A login names a user within one merchant (migration 016): the pair is the account.
  const login = normalizeLogin(input.login) ?? input.login.trim().toLowerCase();
  const merchant = input.merchant.trim().toLowerCase();
  const name = `${merchant}/${login}`;
  const client = `client:${clientKey}`;
  const clientWait = deps.loginGuard.lockedFor(client);
  if (clientWait > 0) return rateLimited(clientWait);

  const now = deps.now();
  const candidate = await findLoginCandidate(deps.db, merchant, login);
  if (!candidate) {
    const wait = deps.unknownLoginGuard.lockedFor(name);
    if (wait > 0) return rateLimited(wait);
    await verifyAgainstDecoy(input.password);
    deps.loginGuard.recordMiss(client);
    deps.unknownLoginGuard.recordMiss(name);
    return failure('LOGIN_FAILED', LOGIN_FAILED);
  }
  if (candidate.lockedUntil !== null && candidate.lockedUntil > now.toISOString()) {
    return rateLimited(new Date(candidate.lockedUntil).getTime() - now.getTime());
  }
  const passwordOk = await verifyPassword(input.password, candidate.passwordHash);
  if (!passwordOk || candidate.disabled) {
    deps.loginGuard.recordMiss(client);
    await recordFailure(deps, candidate, now, candidate.disabled ? 'disabled' : 'password');
    return failure('LOGIN_FAILED', LOGIN_FAILED);
  }
  return ok(await openSession(deps, candidate, now));
}

async function recordFailure(deps: BackofficeDeps, user: LoginCandidate, now: Date, reason: string): Promise<void> {
  const at = now.toISOString();
  const lockUntil = new Date(now.getTime() + deps.loginLimits.accountLockoutMs).toISOString();
  const [update] = await runAtomically(deps.db, [
    recordLoginFailure(deps.db, user, deps.loginLimits.maxFailuresPerAccount, lockUntil).compile(),
    userAuditInsert(deps.db, {
      merchantId: user.merchantId,
      userId: user.userId,
      action: 'merchant_user.login_failed',
      subjectId: user.userId,
      details: { reason },
      at,
    }).compile(),
  ]);
  // Both drivers hand instants back as the ISO text they were given.
  if (update?.rows[0]?.['locked_until'] === lockUntil) {
    deps.logger.warn({ merchantId: user.merchantId, userId: user.userId, until: lockUntil }, 'merchant user locked out');
    await userAuditInsert(deps.db, {
      merchantId: user.merchantId,
      userId: user.userId,
      action: 'merchant_user.locked',
      subjectId: user.userId,
      details: { until: lockUntil },
      at,
    }).execute();
  }
}

async function openSession(deps: BackofficeDeps, user: LoginCandidate, now: Date): Promise<SignedIn> {
  const token = newDeviceToken();
  const tokenHash = sha256Hex(token);
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + deps.sessionTtlMs).toISOString();
  await runAtomically(deps.db, [
    deleteExpiredSessions(deps.db, user.merchantId, user.userId, at).compile(),
    clearLoginFailures(deps.db, user).compile(),
    insertSession(deps.db, { tokenHash, merchantId: user.merchantId, userId: user.userId, createdAt: at, expiresAt }).compile(),
    userAuditInsert(deps.db, {
      merchantId: user.merchantId,
      userId: user.userId,
      action: 'merchant_user.login',
      subjectId: user.userId,
      at,
    }).compile(),
  ]);
  const session = await findMerchantSession(deps.db, tokenHash, at);
  if (!session) throw new Error('a session vanished right after it was opened');
  deps.logger.info({ merchantId: user.merchantId, userId: user.userId }, 'merchant user signed in');
  return { token, ...session };
}
