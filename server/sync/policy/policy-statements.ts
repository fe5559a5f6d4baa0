import type { StorePolicyRow } from '../../../core/sync';
import { first, rows, type Steps } from '../sql/steps';
import { defaultPolicy, policyFromRow, policyRow, type StorePolicy } from './policy-defaults';

export function* readStorePolicy(merchantId: string, storeId: string): Steps<StorePolicy> {
  const row = yield* first(`SELECT * FROM store_policies WHERE merchant_id = ? AND store_id = ?`, [merchantId, storeId]);
  return row ? policyFromRow(row) : defaultPolicy(storeId);
}

/** The policy as a terminal mirrors it, with the PIN verifiers of the store's current managers. */
export function* readPolicyRow(merchantId: string, storeId: string): Steps<StorePolicyRow> {
  const policy = yield* readStorePolicy(merchantId, storeId);
  const managers = yield* rows(
    `SELECT manager_id, name, pin_verifier FROM store_managers
      WHERE merchant_id = ? AND store_id = ? AND removed_at IS NULL ORDER BY manager_id`,
    [merchantId, storeId],
  );
  return policyRow(
    policy,
    managers.map((m) => ({ managerId: String(m['manager_id']), name: String(m['name']), pinVerifier: String(m['pin_verifier']) })),
  );
}

/** Whether this id ever managed the store: an approval given offline stays valid after removal. */
export function* isStoreManager(merchantId: string, storeId: string, managerId: string): Steps<boolean> {
  const row = yield* first(`SELECT 1 AS one FROM store_managers WHERE merchant_id = ? AND store_id = ? AND manager_id = ?`, [
    merchantId,
    storeId,
    managerId,
  ]);
  return row !== undefined;
}
