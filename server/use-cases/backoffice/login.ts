import { ok } from '../../../core/result';
import { runAtomically } from '../../db/atomic';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { clearLoginFailures, findLoginCandidate, type LoginCandidate } from '../../repositories/backoffice/merchant-user-repository';
import { insertSecurityAlert } from '../../repositories/backoffice/security-alerts';
import { deleteExpiredSessions, findMerchantSession, insertSession } from '../../repositories/backoffice/session-repository';
import { userAuditInsert } from '../../repositories/backoffice/user-audit';
import { lockoutMs, type EscalatingTier } from '../../security/limits/escalation';
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
 * Password login. Wrong password, unknown merchant or login and disabled user get the same answer. Failures
 * slow down further attempts per login name and per client address (escalating delays shared by
 * every node, see LoginLimits): an attempt during a delay is refused with RATE_LIMITED and
 * `retryAfterSeconds`, without looking at the password, and does not count.
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
  const throttle = deps.loginThrottle;
  const wait = Math.max(await throttle.account.waitFor(name), await throttle.address.waitFor(clientKey));
  if (wait > 0) return rateLimited(wait);

  const now = deps.now();
  const candidate = await findLoginCandidate(deps.db, merchant, login);
  const passwordOk = candidate ? await verifyPassword(input.password, candidate.passwordHash) : await verifyAgainstDecoy(input.password);
  if (!candidate || !passwordOk || candidate.disabled) {
    await recordFailure(deps, { name, login }, clientKey, candidate, now);
    return failure('LOGIN_FAILED', LOGIN_FAILED);
  }
  await throttle.account.clear(name);
  return ok(await openSession(deps, candidate, now));
}

/** `name` keys the throttle (merchant code and login); the merchant's own alerts show `login`. */
async function recordFailure(deps: BackofficeDeps, { name, login }: { name: string; login: string }, clientKey: string, user: LoginCandidate | undefined, now: Date): Promise<void> {
  const at = now.toISOString();
  const [accountLocks, addressLocks] = [await deps.loginThrottle.account.hit(name), await deps.loginThrottle.address.hit(clientKey)];
  if (!user) return;
  await userAuditInsert(deps.db, {
    merchantId: user.merchantId,
    userId: user.userId,
    action: 'merchant_user.login_failed',
    subjectId: user.userId,
    details: { reason: user.disabled ? 'disabled' : 'password' },
    at,
  }).execute();
  const throttled = [
    ...accountLocks.filter((l) => worthTelling(deps.loginLimits.perAccount, l.strike)).map((l) => ({ scope: 'account', subject: `account:${login}`, ...l })),
    ...addressLocks.filter((l) => worthTelling(deps.loginLimits.perAddress, l.strike)).map((l) => ({ scope: 'address', subject: `address:${clientKey}`, ...l })),
  ];
  for (const t of throttled) {
    const details = { login, address: clientKey, scope: t.scope, retryAfterSeconds: Math.ceil(t.forMs / 1000), delayNumber: t.strike };
    deps.logger.warn({ merchantId: user.merchantId, userId: user.userId, ...details }, 'merchant login throttled');
    await insertSecurityAlert(deps.db, { merchantId: user.merchantId, kind: 'login.throttled', subject: t.subject, details, at });
  }
}

/** Every failure past the free ones delays the next: the merchant hears when that starts and when the delay reaches its cap. */
function worthTelling(tier: EscalatingTier, strike: number): boolean {
  return strike === 1 || (lockoutMs(tier, strike) === tier.maxLockoutMs && lockoutMs(tier, strike - 1) < tier.maxLockoutMs);
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
