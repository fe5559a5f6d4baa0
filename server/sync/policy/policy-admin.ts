import { z } from 'zod';
import { ok } from '../../../core/result';
import type { Db } from '../../db/database';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { failure, type Outcome } from '../../use-cases/outcome';
import { withoutTransaction } from '../sql/run-steps';
import { pinVerifier } from './manager-pin-verifier';
import { defaultPolicy, type StorePolicy } from './policy-defaults';
import { readStorePolicy } from './policy-statements';

export const StorePolicyInput = z.object({
  provisionalEnabled: z.boolean(),
  maxCountPerTerminal: z.number().int().min(0).max(10_000),
  maxValueFenPerTerminal: z.number().int().min(0).max(100_000_000),
  maxOfflineHours: z.number().int().min(0).max(24 * 30),
  managerPinAboveFen: z.number().int().min(0).max(100_000_000),
  reverseWindowMinutes: z.number().int().min(0).max(24 * 60),
  leaseMultiStore: z.boolean(),
  leaseHours: z.number().int().min(1).max(24 * 366),
});
export type StorePolicyInput = z.infer<typeof StorePolicyInput>;

export const ManagerPinInput = z.object({ pin: z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits') });

async function storeExists(db: Db, merchantId: string, storeId: string): Promise<boolean> {
  const row = await db.kysely.selectFrom('stores').select('id').where('merchant_id', '=', merchantId).where('id', '=', storeId).executeTakeFirst();
  return row !== undefined;
}

export interface PolicyView extends StorePolicy {
  managers: { managerId: string; name: string; updatedAt: string }[];
}

export async function getStorePolicy(db: Db, session: MerchantSession, storeId: string): Promise<Outcome<PolicyView>> {
  if (!(await storeExists(db, session.merchant.id, storeId))) return failure('NOT_FOUND', 'no such store');
  const policy = await withoutTransaction(db, () => readStorePolicy(session.merchant.id, storeId));
  const managers = await db.kysely
    .selectFrom('store_managers')
    .select(['manager_id', 'name', 'updated_at'])
    .where('merchant_id', '=', session.merchant.id)
    .where('store_id', '=', storeId)
    .where('removed_at', 'is', null)
    .orderBy('manager_id')
    .execute();
  return ok({ ...policy, managers: managers.map((m) => ({ managerId: m.manager_id, name: m.name, updatedAt: m.updated_at })) });
}

export async function setStorePolicy(db: Db, session: MerchantSession, storeId: string, input: StorePolicyInput, now: Date): Promise<Outcome<StorePolicy>> {
  if (!(await storeExists(db, session.merchant.id, storeId))) return failure('NOT_FOUND', 'no such store');
  const values = {
    provisional_enabled: input.provisionalEnabled ? 1 : 0,
    max_count_per_terminal: input.maxCountPerTerminal,
    max_value_fen_per_terminal: input.maxValueFenPerTerminal,
    max_offline_hours: input.maxOfflineHours,
    manager_pin_above_fen: input.managerPinAboveFen,
    reverse_window_minutes: input.reverseWindowMinutes,
    lease_multi_store: input.leaseMultiStore ? 1 : 0,
    lease_hours: input.leaseHours,
    updated_at: now.toISOString(),
  };
  await db.kysely
    .insertInto('store_policies')
    .values({ merchant_id: session.merchant.id, store_id: storeId, ...values })
    .onConflict((oc) => oc.columns(['merchant_id', 'store_id']).doUpdateSet(values))
    .execute();
  return ok({ ...defaultPolicy(storeId), ...input });
}

/** Lets a back-office user approve offline at a store with a PIN; terminals receive only its verifier. */
export async function setManagerPin(db: Db, session: MerchantSession, storeId: string, userId: string, pin: string, now: Date): Promise<Outcome<{ managerId: string; name: string }>> {
  const merchantId = session.merchant.id;
  if (!(await storeExists(db, merchantId, storeId))) return failure('NOT_FOUND', 'no such store');
  const user = await db.kysely
    .selectFrom('merchant_users')
    .select(['id', 'name', 'disabled'])
    .where('merchant_id', '=', merchantId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.disabled === 1) return failure('USER_NOT_FOUND', 'no active user with this id');
  const values = { name: user.name, pin_verifier: pinVerifier(pin), updated_at: now.toISOString(), removed_at: null };
  await db.kysely
    .insertInto('store_managers')
    .values({ merchant_id: merchantId, store_id: storeId, manager_id: userId, ...values })
    .onConflict((oc) => oc.columns(['merchant_id', 'store_id', 'manager_id']).doUpdateSet(values))
    .execute();
  return ok({ managerId: userId, name: user.name });
}

export async function removeManager(db: Db, session: MerchantSession, storeId: string, userId: string, now: Date): Promise<Outcome<{ managerId: string; removed: true }>> {
  const result = await db.kysely
    .updateTable('store_managers')
    .set({ removed_at: now.toISOString(), updated_at: now.toISOString() })
    .where('merchant_id', '=', session.merchant.id)
    .where('store_id', '=', storeId)
    .where('manager_id', '=', userId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? ok({ managerId: userId, removed: true }) : failure('USER_NOT_FOUND', 'this user is not a manager of this store');
}
