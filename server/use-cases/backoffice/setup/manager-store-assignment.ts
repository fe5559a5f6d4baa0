import { z } from 'zod';
import { ok } from '../../../../core/result';
import { replaceManagerStores } from '../../../repositories/backoffice/manager-stores';
import type { MerchantSession } from '../../../repositories/backoffice/merchant-session';
import { findMerchantUser, type MerchantUser } from '../../../repositories/backoffice/merchant-user-repository';
import { runScript, type TransactionScript } from '../../../repositories/backoffice/transaction-script';
import { userAuditInsert } from '../../../repositories/backoffice/user-audit';
import { failure, type AppFailure, type Outcome } from '../../outcome';
import { StoreIds } from '../create-user';
import type { BackofficeDeps } from '../deps';
import { unknownStores } from '../store-check';

export const SetStoresRequest = z.strictObject({ storeIds: StoreIds });

const USER_NOT_FOUND = () => failure('USER_NOT_FOUND', 'no user with this id');

/** An owner sets which stores a manager runs (replacing the earlier list). */
export async function setManagerStores(
  deps: BackofficeDeps,
  session: MerchantSession,
  userId: string,
  storeIds: readonly string[],
): Promise<Outcome<MerchantUser>> {
  const merchantId = session.merchant.id;
  const db = deps.db;
  const before = await findMerchantUser(db, merchantId, userId);
  if (!before) return USER_NOT_FOUND();
  const at = deps.now().toISOString();
  const refused = await runScript(db, function* (): TransactionScript<AppFailure | null> {
    const role = (yield db.kysely.selectFrom('merchant_users').select('role').where('merchant_id', '=', merchantId).where('id', '=', userId).compile()).rows[0]?.['role'];
    if (role === undefined) return USER_NOT_FOUND();
    if (role !== 'manager') return failure('NOT_A_MANAGER', 'only a manager is assigned stores: make this user a manager first');
    const unknown = yield* unknownStores(db, merchantId, storeIds);
    if (unknown) return unknown;
    yield* replaceManagerStores(db, merchantId, userId, storeIds, at);
    const details = { from: before.storeIds, to: [...new Set(storeIds)].sort() };
    yield userAuditInsert(db, { merchantId, userId: session.user.id, action: 'merchant_user.stores_set', subjectId: userId, details, at }).compile();
    return null;
  });
  if (refused) return refused;
  const after = await findMerchantUser(db, merchantId, userId);
  return after ? ok(after) : USER_NOT_FOUND();
}
