import type { LeaseRow } from '../../../core/sync';
import type { DbKind } from '../../db/db-kind';
import type { LeaseReason } from '../../db/schema';
import { visibleAtStore } from '../pull/voucher-rows';
import { FRESH_PLAN, first, inJsonList, q, rows, str, type Steps } from '../sql/steps';

const randomId = (kind: DbKind) => (kind === 'postgres' ? 'gen_random_uuid()::text' : 'lower(hex(randomblob(16)))');

/** Ends the unrevoked leases of these vouchers that lapsed or that a new holder replaces. */
function* endLeases(kind: DbKind, merchantId: string, voucherIds: string[], nowIso: string, by: string, onlyLapsed: boolean): Steps<void> {
  yield q(
    `UPDATE leases SET revoked_at = ?, revoked_by = ?, updated_at = ?
      WHERE merchant_id = ? AND voucher_id ${inJsonList(kind)} AND revoked_at IS NULL${onlyLapsed ? ' AND expires_at <= ?' : ''}`,
    [nowIso, by, nowIso, merchantId, JSON.stringify(voucherIds), ...(onlyLapsed ? [nowIso] : [])],
    FRESH_PLAN,
  );
}

export interface GrantRequest {
  merchantId: string;
  storeId: string;
  voucherIds: string[];
  expiresAt: string;
  reason: LeaseReason;
  nowIso: string;
  /** Take the lease from another store that holds it (the merchant moving it); otherwise only free vouchers. */
  replace: boolean;
  by: string;
}

/**
 * Leases each voucher whole to the store: the voucher row takes the holder first (so a concurrent
 * redeem elsewhere, waiting on that row, sees it), then the lease row is written. A voucher that
 * is spent, void, not valid at the store or (unless replacing) held by another store is skipped.
 */
export function* grantLeases(kind: DbKind, g: GrantRequest): Steps<LeaseRow[]> {
  if (g.voucherIds.length === 0) return [];
  // No alias: SQLite's RETURNING names only the real table.
  const claimed = yield* rows(
    `UPDATE vouchers SET lease_id = ${randomId(kind)}, lease_store_id = ?,
            lease_expires_at = CASE WHEN vouchers.valid_until < ? THEN vouchers.valid_until ELSE ? END
      WHERE vouchers.merchant_id = ? AND vouchers.id ${inJsonList(kind)} AND vouchers.status = 'active'
        AND vouchers.redeemed < vouchers.uses AND ${visibleAtStore('vouchers')}
        AND (vouchers.lease_store_id IS NULL OR vouchers.lease_expires_at <= ?${g.replace ? ' OR vouchers.lease_store_id <> ?' : ''})
      RETURNING vouchers.id, vouchers.lease_id, vouchers.lease_expires_at, vouchers.uses - vouchers.redeemed AS remaining`,
    [g.storeId, g.expiresAt, g.expiresAt, g.merchantId, JSON.stringify(g.voucherIds), g.storeId, g.storeId, g.nowIso, ...(g.replace ? [g.storeId] : [])], FRESH_PLAN,
  );
  if (claimed.length === 0) return [];
  const ids = claimed.map((r) => str(r, 'id'));
  yield* endLeases(kind, g.merchantId, ids, g.nowIso, g.by, false);
  const leases: LeaseRow[] = claimed.map((r) => ({
    leaseId: str(r, 'lease_id'),
    voucherId: str(r, 'id'),
    storeId: g.storeId,
    uses: Number(r['remaining']),
    expiresAt: new Date(String(r['lease_expires_at'])).toISOString(),
    revoked: false,
  }));
  for (const lease of leases) {
    yield q(
      `INSERT INTO leases (merchant_id, id, voucher_id, store_id, uses, reason, granted_at, expires_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [g.merchantId, lease.leaseId, lease.voucherId, g.storeId, lease.uses, g.reason, g.nowIso, lease.expiresAt, g.nowIso],
    );
  }
  return leases;
}

/** Ends a lease: the voucher is free again for every store, online and by new leases. */
export function* revokeLease(merchantId: string, leaseId: string, nowIso: string, by: string): Steps<boolean> {
  const ended = yield* first(
    `UPDATE leases SET revoked_at = ?, revoked_by = ?, updated_at = ? WHERE merchant_id = ? AND id = ? AND revoked_at IS NULL RETURNING voucher_id`,
    [nowIso, by, nowIso, merchantId, leaseId],
  );
  if (!ended) return false;
  yield q(`UPDATE vouchers SET lease_id = NULL, lease_store_id = NULL, lease_expires_at = NULL WHERE merchant_id = ? AND id = ? AND lease_id = ?`, [
    merchantId,
    str(ended, 'voucher_id'),
    leaseId,
  ]);
  return true;
}

/** Lapsed leases of these vouchers end first, so a free voucher can be leased again. */
export function* endLapsedLeases(kind: DbKind, merchantId: string, voucherIds: string[], nowIso: string): Steps<void> {
  if (voucherIds.length > 0) yield* endLeases(kind, merchantId, voucherIds, nowIso, 'expired', true);
}
