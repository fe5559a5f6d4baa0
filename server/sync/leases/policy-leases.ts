import type { Change } from '../../../core/sync';
import type { DbKind } from '../../db/db-kind';
import { readStorePolicy } from '../policy/policy-statements';
import type { VoucherRead } from '../pull/voucher-rows';
import type { Steps } from '../sql/steps';
import { endLapsedLeases, grantLeases } from './lease-statements';

/**
 * A store whose policy leases multi-store vouchers takes each free one it is sent, whole, for the
 * policy's hours (never past the voucher's validity). The default policy leases nothing beyond the
 * single-store leases granted at issuance: such vouchers follow the provisional rules offline.
 */
export function* leasesOnPull(kind: DbKind, merchantId: string, storeId: string, sent: VoucherRead[], now: Date): Steps<Change[]> {
  const nowIso = now.toISOString();
  const candidates = sent.filter(
    (v) => v.row.status === 'active' && v.row.redeemed < v.row.uses && v.row.storeIds.length > 1 && !(v.lease && v.lease.expiresAt > nowIso),
  );
  if (candidates.length === 0) return [];
  const policy = yield* readStorePolicy(merchantId, storeId);
  if (!policy.leaseMultiStore) return [];
  const ids = candidates.map((v) => v.row.voucherId);
  yield* endLapsedLeases(kind, merchantId, ids, nowIso);
  const granted = yield* grantLeases(kind, {
    merchantId,
    storeId,
    voucherIds: ids,
    expiresAt: new Date(now.getTime() + policy.leaseHours * 3_600_000).toISOString(),
    reason: 'policy',
    nowIso,
    replace: false,
    by: `policy:${storeId}`,
  });
  return granted.map((lease) => ({ kind: 'lease', id: lease.leaseId, op: 'upsert', data: lease }));
}
