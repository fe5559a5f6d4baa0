import { ok } from '../../../../core/result';
import { runAtomically } from '../../../db/atomic';
import type { MerchantSession } from '../../../repositories/backoffice/merchant-session';
import { findStore, STORE_NOT_FOUND, type StoreView } from '../../../repositories/backoffice/store-rows';
import { userAuditInsert } from '../../../repositories/backoffice/user-audit';
import { newId } from '../../../security/ids';
import type { Outcome } from '../../outcome';
import type { BackofficeDeps } from '../deps';
import type { CreateStoreRequest, UpdateStoreRequest } from './store-spec';

/** An owner opens a store; its time zone defaults to the merchant's. */
export async function createStore(deps: BackofficeDeps, session: MerchantSession, input: CreateStoreRequest): Promise<Outcome<StoreView>> {
  const merchantId = session.merchant.id;
  const id = newId();
  const at = deps.now().toISOString();
  await runAtomically(deps.db, [
    deps.db.kysely
      .insertInto('stores')
      .values({
        merchant_id: merchantId,
        id,
        name: input.name,
        address: input.address ?? '',
        time_zone: input.timeZone ?? session.merchant.timeZone,
        business_hours: input.businessHours ? JSON.stringify(input.businessHours) : null,
        active: input.active === false ? 0 : 1,
        created_at: at,
        updated_at: at,
      })
      .compile(),
    userAuditInsert(deps.db, { merchantId, userId: session.user.id, action: 'store.create', subjectId: id, storeId: id, details: { name: input.name }, at }).compile(),
  ]);
  const store = await findStore(deps.db, { merchantId, storeIds: null }, id);
  if (!store) throw new Error('a store vanished right after it was created');
  return ok(store);
}

/** Changes the fields given; the audit entry names each changed field with its old and new value. */
export async function updateStore(
  deps: BackofficeDeps,
  session: MerchantSession,
  storeId: string,
  input: UpdateStoreRequest,
): Promise<Outcome<StoreView>> {
  const merchantId = session.merchant.id;
  const scope = { merchantId, storeIds: null };
  const before = await findStore(deps.db, scope, storeId);
  if (!before) return STORE_NOT_FOUND();
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(input)) {
    const old = before[key as keyof StoreView];
    if (JSON.stringify(old) !== JSON.stringify(value)) changes[key] = { from: old, to: value };
  }
  if (Object.keys(changes).length === 0) return ok(before);
  const at = deps.now().toISOString();
  await runAtomically(deps.db, [
    deps.db.kysely
      .updateTable('stores')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.address !== undefined ? { address: input.address } : {}),
        ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
        ...(input.businessHours !== undefined ? { business_hours: input.businessHours ? JSON.stringify(input.businessHours) : null } : {}),
        ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
        updated_at: at,
      })
      .where('merchant_id', '=', merchantId)
      .where('id', '=', storeId)
      .compile(),
    userAuditInsert(deps.db, { merchantId, userId: session.user.id, action: 'store.update', subjectId: storeId, storeId, details: changes, at }).compile(),
  ]);
  const after = await findStore(deps.db, scope, storeId);
  return after ? ok(after) : STORE_NOT_FOUND();
}
