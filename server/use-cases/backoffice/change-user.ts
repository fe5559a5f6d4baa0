import { z } from 'zod';
import { ok } from '../../../core/result';
import { replaceManagerStores } from '../../repositories/backoffice/manager-stores';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { findMerchantUser, type MerchantUser } from '../../repositories/backoffice/merchant-user-repository';
import { lockOwners, updateUserKeepingAnOwner, type UserChange } from '../../repositories/backoffice/owner-guard';
import { revokeUserSessions } from '../../repositories/backoffice/session-repository';
import { runScript } from '../../repositories/backoffice/transaction-script';
import { userAuditInsert } from '../../repositories/backoffice/user-audit';
import { failure, type Outcome } from '../outcome';
import type { BackofficeDeps } from './deps';
import { MerchantRole } from './login-name';

export const ChangeRoleRequest = z.strictObject({ role: MerchantRole });

const USER_NOT_FOUND = 'no user with this id';

function actionOf(change: UserChange): string {
  if (change.disabled === undefined) return 'merchant_user.role_change';
  return change.disabled ? 'merchant_user.disable' : 'merchant_user.enable';
}

/**
 * Changes a user's role or enables/disables them. The last active owner can be neither demoted
 * nor disabled. Disabling ends the user's sessions at once.
 */
export async function changeUser(
  deps: BackofficeDeps,
  session: MerchantSession,
  userId: string,
  change: UserChange,
): Promise<Outcome<MerchantUser>> {
  const merchantId = session.merchant.id;
  const before = await findMerchantUser(deps.db, merchantId, userId);
  if (!before) return failure('USER_NOT_FOUND', USER_NOT_FOUND);
  const at = deps.now().toISOString();
  const db = deps.db;
  const applied = await runScript(db, function* () {
    for (const lock of lockOwners(db, merchantId)) yield lock;
    const updated = yield updateUserKeepingAnOwner(db, merchantId, userId, change, at).compile();
    if (updated.affected === 0) return false;
    if (change.disabled) yield revokeUserSessions(db, merchantId, userId, at).compile();
    // Only a manager is assigned stores: a new role drops them.
    if (change.role !== undefined && change.role !== 'manager') yield* replaceManagerStores(db, merchantId, userId, [], at);
    const details = change.role === undefined ? {} : { from: before.role, to: change.role };
    yield userAuditInsert(db, { merchantId, userId: session.user.id, action: actionOf(change), subjectId: userId, details, at }).compile();
    return true;
  });
  if (!applied) {
    const exists = await findMerchantUser(db, merchantId, userId);
    if (!exists) return failure('USER_NOT_FOUND', USER_NOT_FOUND);
    return failure('LAST_OWNER', 'a merchant keeps at least one active owner: make another user owner first');
  }
  const after = await findMerchantUser(db, merchantId, userId);
  if (!after) return failure('USER_NOT_FOUND', USER_NOT_FOUND);
  return ok(after);
}
