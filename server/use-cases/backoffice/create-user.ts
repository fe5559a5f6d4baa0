import { z } from 'zod';
import { ok } from '../../../core/result';
import { runAtomically } from '../../db/atomic';
import { isUniqueViolation } from '../../db/errors';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { findMerchantUser, insertMerchantUser, type MerchantUser } from '../../repositories/backoffice/merchant-user-repository';
import { userAuditInsert } from '../../repositories/backoffice/user-audit';
import { newId } from '../../security/ids';
import { hashPassword } from '../../security/password';
import { failure, type Outcome } from '../outcome';
import type { BackofficeDeps } from './deps';
import { LoginName, MerchantRole, NewPassword, UserName } from './login-name';

export const CreateUserRequest = z.strictObject({
  login: LoginName,
  name: UserName,
  role: MerchantRole,
  password: NewPassword,
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** An owner adds a user to their merchant. A login is unique across all merchants. */
export async function createUser(
  deps: BackofficeDeps,
  session: MerchantSession,
  input: CreateUserRequest,
): Promise<Outcome<MerchantUser>> {
  const id = newId();
  const at = deps.now().toISOString();
  const passwordHash = await hashPassword(input.password);
  try {
    await runAtomically(deps.db, [
      insertMerchantUser(deps.db, { merchantId: session.merchant.id, id, ...input, passwordHash, at }).compile(),
      userAuditInsert(deps.db, {
        merchantId: session.merchant.id,
        userId: session.user.id,
        action: 'merchant_user.create',
        subjectId: id,
        details: { role: input.role },
        at,
      }).compile(),
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) return failure('LOGIN_TAKEN', 'this login is already in use');
    throw error;
  }
  const user = await findMerchantUser(deps.db, session.merchant.id, id);
  if (!user) throw new Error('a user vanished right after it was created');
  return ok(user);
}
