import { z } from 'zod';
import { ok } from '../../../core/result';
import { isUniqueViolation } from '../../db/errors';
import { replaceManagerStores } from '../../repositories/backoffice/manager-stores';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { findMerchantUser, insertMerchantUser, type MerchantUser } from '../../repositories/backoffice/merchant-user-repository';
import { runScript } from '../../repositories/backoffice/transaction-script';
import { userAuditInsert } from '../../repositories/backoffice/user-audit';
import { newId } from '../../security/ids';
import { hashPassword } from '../../security/password';
import { failure, type Outcome } from '../outcome';
import type { BackofficeDeps } from './deps';
import { LoginName, MerchantRole, NewPassword, UserName } from './login-name';
import { unknownStores } from './store-check';

export const StoreIds = z.array(z.string().min(1).max(64)).max(500);

export const CreateUserRequest = z
  .strictObject({
    login: LoginName,
    name: UserName,
    role: MerchantRole,
    password: NewPassword,
    /** A manager's stores. */
    storeIds: StoreIds.optional(),
  })
  .refine((u) => u.role === 'manager' || !u.storeIds?.length, { message: 'only a manager is assigned stores', path: ['storeIds'] });
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
  const merchantId = session.merchant.id;
  const { storeIds = [], login, name, role } = input;
  const db = deps.db;
  try {
    const refused = await runScript(db, function* () {
      const unknown = yield* unknownStores(db, merchantId, storeIds);
      if (unknown) return unknown;
      yield insertMerchantUser(db, { merchantId, id, login, name, role, passwordHash, at }).compile();
      for (const statement of replaceManagerStores(db, merchantId, id, storeIds, at)) yield statement;
      const details = { role: input.role, ...(storeIds.length > 0 ? { storeIds } : {}) };
      yield userAuditInsert(db, { merchantId, userId: session.user.id, action: 'merchant_user.create', subjectId: id, details, at }).compile();
      return null;
    });
    if (refused) return refused;
  } catch (error) {
    if (isUniqueViolation(error)) return failure('LOGIN_TAKEN', 'this login is already in use');
    throw error;
  }
  const user = await findMerchantUser(deps.db, session.merchant.id, id);
  if (!user) throw new Error('a user vanished right after it was created');
  return ok(user);
}
