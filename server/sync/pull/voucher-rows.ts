import { maskPhone } from '../../../core/mask';
import type { Change, LeaseRow, VoucherRow } from '../../../core/sync';
import type { DbKind } from '../../db/db-kind';
import { FRESH_PLAN, inJsonList, isoOrNull, num, rows, str, strOrNull, type Steps } from '../sql/steps';

const COLUMNS = `v.id, v.code, v.campaign_id, v.uses, v.redeemed, v.status, v.valid_from, v.valid_until, v.buyer_phone,
  v.home_store_id, v.updated_at, v.lease_id, v.lease_store_id, v.lease_expires_at`;

/** Valid at this store (two `?`, the store twice): not tied to another store, and its campaign lists this one. */
export function visibleAtStore(v: string): string {
  return `(${v}.home_store_id IS NULL OR ${v}.home_store_id = ?)
  AND EXISTS (SELECT 1 FROM campaign_stores AS cs
               WHERE cs.merchant_id = ${v}.merchant_id AND cs.campaign_id = ${v}.campaign_id AND cs.store_id = ?)`;
}

const VISIBLE_AT_STORE = visibleAtStore('v');

export interface VoucherRead {
  row: VoucherRow;
  visible: boolean;
  /** This store's lease on the voucher, to send along with it (its unspent part moves with every use). */
  lease: LeaseRow | null;
}

/** A snapshot page: active, unexpired vouchers valid at the store, after `afterId`. */
export function* voucherPage(kind: DbKind, merchantId: string, storeId: string, afterId: string, limit: number, nowIso: string): Steps<VoucherRead[]> {
  const found = yield* rows(
    `SELECT ${COLUMNS}, 1 AS visible FROM vouchers AS v
      WHERE v.merchant_id = ? AND v.id > ? AND v.status = 'active' AND v.valid_until > ? AND ${VISIBLE_AT_STORE}
      ORDER BY v.id LIMIT ?`,
    [merchantId, afterId, nowIso, storeId, storeId, limit],
  );
  return yield* withStores(kind, merchantId, storeId, found);
}

export function* vouchersByIds(kind: DbKind, merchantId: string, storeId: string, ids: string[]): Steps<VoucherRead[]> {
  const found = yield* rows(
    `SELECT ${COLUMNS}, CASE WHEN ${VISIBLE_AT_STORE} THEN 1 ELSE 0 END AS visible FROM vouchers AS v
      WHERE v.merchant_id = ? AND v.id ${inJsonList(kind)}`,
    [storeId, storeId, merchantId, JSON.stringify(ids)], FRESH_PLAN,
  );
  return yield* withStores(kind, merchantId, storeId, found);
}

function* withStores(kind: DbKind, merchantId: string, storeId: string, found: Record<string, unknown>[]): Steps<VoucherRead[]> {
  const campaignIds = [...new Set(found.map((r) => str(r, 'campaign_id')))];
  const links = campaignIds.length
    ? yield* rows(
        `SELECT campaign_id, store_id FROM campaign_stores WHERE merchant_id = ? AND campaign_id ${inJsonList(kind)} ORDER BY store_id`,
        [merchantId, JSON.stringify(campaignIds)], FRESH_PLAN,
      )
    : [];
  const storesOf = new Map<string, string[]>();
  for (const link of links) {
    const list = storesOf.get(str(link, 'campaign_id')) ?? [];
    list.push(str(link, 'store_id'));
    storesOf.set(str(link, 'campaign_id'), list);
  }
  return found.map((r) => {
    const home = strOrNull(r, 'home_store_id');
    const uses = num(r, 'uses');
    const redeemed = num(r, 'redeemed');
    const phone = strOrNull(r, 'buyer_phone');
    const leaseId = strOrNull(r, 'lease_id');
    const leaseStore = strOrNull(r, 'lease_store_id');
    const row: VoucherRow = {
      voucherId: str(r, 'id'),
      code: str(r, 'code'),
      campaignId: str(r, 'campaign_id'),
      uses,
      redeemed,
      status: str(r, 'status') as VoucherRow['status'],
      validFrom: isoOrNull(r, 'valid_from') ?? '',
      validUntil: isoOrNull(r, 'valid_until') ?? '',
      buyerPhoneMasked: phone === null ? null : maskPhone(phone),
      storeIds: home ? [home] : (storesOf.get(str(r, 'campaign_id')) ?? []),
      version: Date.parse(isoOrNull(r, 'updated_at') ?? '') || 0,
    };
    const lease: LeaseRow | null =
      leaseId && leaseStore === storeId
        ? { leaseId, voucherId: row.voucherId, storeId, uses: Math.max(0, uses - redeemed), expiresAt: isoOrNull(r, 'lease_expires_at') ?? '', revoked: false }
        : null;
    return { row, visible: num(r, 'visible') === 1, lease };
  });
}

/** Voucher upserts; with `withLease`, each followed by this store's lease on it (the tail sends both). */
export function voucherChanges(reads: VoucherRead[], withLease: boolean): Change[] {
  return reads.flatMap((read): Change[] => [
    { kind: 'voucher', id: read.row.voucherId, op: 'upsert', data: read.row },
    ...(withLease && read.lease ? [{ kind: 'lease' as const, id: read.lease.leaseId, op: 'upsert' as const, data: read.lease }] : []),
  ]);
}
