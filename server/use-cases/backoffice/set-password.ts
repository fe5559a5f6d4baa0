import { z } from 'zod';
import { ok } from '../../../core/result';
import { runAtomically } from '../../db/atomic';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { findPasswordHash, updatePasswordHash } from '../../repositories/backoffice/merchant-user-repository';
import { revokeUserSessions } from '../../repositories/backoffice/session-repository';
import { userAuditInsert } from '../../repositories/backoffice/user-audit';
import { hashPassword, verifyPassword } from '../../security/password';
import { failure, type Outcome } from '../outcome';
import type { BackofficeDeps } from './deps';
import { NewPassword } from './login-name';

export const ChangeOwnPasswordRequest = z.strictObject({
  currentPassword: z.string().max(200),
  newPassword: NewPassword,
});

export const ResetPasswordRequest = z.strictObject({ password: NewPassword });

/** A user changes their own password; their sessions end, so they sign in again with it. */
export async function changeOwnPassword(
  deps: BackofficeDeps,
  session: MerchantSession,
  input: z.infer<typeof ChangeOwnPasswordRequest>,
): Promise<Outcome<{ passwordChanged: true }>> {
  const stored = await findPasswordHash(deps.db, session.merchant.id, session.user.id);
  if (!stored || !(await verifyPassword(input.currentPassword, stored))) {
    return failure('LOGIN_FAILED', 'the current password is wrong');
  }
  await storePassword(deps, session, session.user.id, input.newPassword, 'merchant_user.password_change');
  return ok({ passwordChanged: true });
}

/** An owner sets a new password for a user of the merchant (a forgotten one); that user's sessions end. */
export async function resetPassword(
  deps: BackofficeDeps,
  session: MerchantSession,
  userId: string,
  password: string,
): Promise<Outcome<{ passwordChanged: true }>> {
  const stored = await findPasswordHash(deps.db, session.merchant.id, userId);
  if (!stored) return failure('USER_NOT_FOUND', 'no user with this id');
  await storePassword(deps, session, userId, password, 'merchant_user.password_reset');
  return ok({ passwordChanged: true });
}

async function storePassword(
  deps: BackofficeDeps,
  session: MerchantSession,
  userId: string,
  password: string,
  action: string,
): Promise<void> {
  const merchantId = session.merchant.id;
  const at = deps.now().toISOString();
  const hash = await hashPassword(password);
  await runAtomically(deps.db, [
    updatePasswordHash(deps.db, merchantId, userId, hash, at).compile(),
    revokeUserSessions(deps.db, merchantId, userId, at).compile(),
    userAuditInsert(deps.db, { merchantId, userId: session.user.id, action, subjectId: userId, at }).compile(),
  ]);
}
