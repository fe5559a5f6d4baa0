import type { CampaignRow, Change, LeaseRow, MerchantKeyRow } from '../../../core/sync';
import type { DbKind } from '../../db/db-kind';
import { ledgerEntry } from '../push/offline-lookups';
import { FRESH_PLAN, inJsonList, isoOrNull, num, rows, str, type Steps } from '../sql/steps';

const AT_STORE = `EXISTS (SELECT 1 FROM campaign_stores AS cs WHERE cs.merchant_id = c.merchant_id AND cs.campaign_id = c.id AND cs.store_id = ?)`;

function parsedRules(text: unknown): unknown {
  try {
    return JSON.parse(String(text ?? '{}'));
  } catch {
    return {};
  }
}

function campaignRow(r: Record<string, unknown>): CampaignRow {
  const rules = parsedRules(r['validity_rules']);
  return {
    campaignId: str(r, 'id'),
    title: str(r, 'title'),
    kind: str(r, 'kind') as CampaignRow['kind'],
    faceValueFen: num(r, 'face_value_fen'),
    minSpendFen: Number(r['min_spend_fen'] ?? 0),
    rules,
  };
}

export interface Listed<T> {
  id: string;
  data: T;
  /** Whether the row belongs to this store's mirror (a campaign the store no longer takes does not). */
  visible: boolean;
}

export function* campaignsPage(merchantId: string, storeId: string, afterId: string, limit: number): Steps<Listed<CampaignRow>[]> {
  const found = yield* rows(
    `SELECT c.id, c.title, c.kind, c.face_value_fen, c.min_spend_fen, c.validity_rules FROM campaigns AS c
      WHERE c.merchant_id = ? AND c.id > ? AND ${AT_STORE} ORDER BY c.id LIMIT ?`,
    [merchantId, afterId, storeId, limit],
  );
  return found.map((r) => ({ id: str(r, 'id'), data: campaignRow(r), visible: true }));
}

export function* campaignsByIds(kind: DbKind, merchantId: string, storeId: string, ids: string[]): Steps<Listed<CampaignRow>[]> {
  const found = yield* rows(
    `SELECT c.id, c.title, c.kind, c.face_value_fen, c.min_spend_fen, c.validity_rules,
            CASE WHEN ${AT_STORE} THEN 1 ELSE 0 END AS visible
       FROM campaigns AS c WHERE c.merchant_id = ? AND c.id ${inJsonList(kind)}`,
    [storeId, merchantId, JSON.stringify(ids)], FRESH_PLAN,
  );
  return found.map((r) => ({ id: str(r, 'id'), data: campaignRow(r), visible: num(r, 'visible') === 1 }));
}

const LEASE_COLUMNS = `l.id, l.voucher_id, l.store_id, l.expires_at, l.revoked_at, v.uses, v.redeemed`;

function leaseRow(r: Record<string, unknown>): LeaseRow {
  const revoked = r['revoked_at'] !== null && r['revoked_at'] !== undefined;
  return {
    leaseId: str(r, 'id'),
    voucherId: str(r, 'voucher_id'),
    storeId: str(r, 'store_id'),
    // A lease is the voucher's whole remainder: what the store may still spend of it.
    uses: revoked ? 0 : Math.max(0, num(r, 'uses') - num(r, 'redeemed')),
    expiresAt: isoOrNull(r, 'expires_at') ?? '',
    revoked,
  };
}

export function* leasesPage(merchantId: string, storeId: string, afterId: string, limit: number, nowIso: string): Steps<Listed<LeaseRow>[]> {
  const found = yield* rows(
    `SELECT ${LEASE_COLUMNS} FROM leases AS l JOIN vouchers AS v ON v.merchant_id = l.merchant_id AND v.id = l.voucher_id
      WHERE l.merchant_id = ? AND l.store_id = ? AND l.id > ? AND l.revoked_at IS NULL AND l.expires_at > ? ORDER BY l.id LIMIT ?`,
    [merchantId, storeId, afterId, nowIso, limit],
  );
  return found.map((r) => ({ id: str(r, 'id'), data: leaseRow(r), visible: true }));
}

export function* leasesByIds(kind: DbKind, merchantId: string, storeId: string, ids: string[]): Steps<Listed<LeaseRow>[]> {
  const found = yield* rows(
    `SELECT ${LEASE_COLUMNS} FROM leases AS l JOIN vouchers AS v ON v.merchant_id = l.merchant_id AND v.id = l.voucher_id
      WHERE l.merchant_id = ? AND l.id ${inJsonList(kind)}`,
    [merchantId, JSON.stringify(ids)], FRESH_PLAN,
  );
  return found.map((r) => ({ id: str(r, 'id'), data: leaseRow(r), visible: str(r, 'store_id') === storeId }));
}

function keyRow(r: Record<string, unknown>): Listed<MerchantKeyRow> {
  const active = r['status'] === 'active';
  const notAfter = isoOrNull(r, 'not_after');
  // A retired key verifies until its notAfter; one retired without a date is no longer trusted.
  return { id: str(r, 'kid'), data: { kid: str(r, 'kid'), publicKey: str(r, 'public_key'), notAfter: active ? null : notAfter }, visible: active || notAfter !== null };
}

export function* merchantKeysPage(merchantId: string, afterId: string, limit: number, nowIso: string): Steps<Listed<MerchantKeyRow>[]> {
  const found = yield* rows(
    `SELECT kid, public_key, status, not_after FROM merchant_keys
      WHERE merchant_id = ? AND kid > ? AND (status = 'active' OR not_after > ?) ORDER BY kid LIMIT ?`,
    [merchantId, afterId, nowIso, limit],
  );
  return found.map(keyRow);
}

export function* merchantKeysByIds(kind: DbKind, merchantId: string, ids: string[]): Steps<Listed<MerchantKeyRow>[]> {
  const found = yield* rows(`SELECT kid, public_key, status, not_after FROM merchant_keys WHERE merchant_id = ? AND kid ${inJsonList(kind)}`, [
    merchantId,
    JSON.stringify(ids),
  ], FRESH_PLAN);
  return found.map(keyRow);
}

/** The store's open conflicts, each as the ledger record the terminal keeps. */
export function* conflictsPage(merchantId: string, storeId: string, afterId: string, limit: number): Steps<Change[]> {
  const found = yield* rows(
    `SELECT redemption_id FROM redemption_conflicts WHERE merchant_id = ? AND store_id = ? AND redemption_id > ? AND status = 'open'
      ORDER BY redemption_id LIMIT ?`,
    [merchantId, storeId, afterId, limit],
  );
  return yield* redemptionChanges(merchantId, storeId, found.map((r) => str(r, 'redemption_id')));
}

export function* redemptionChanges(merchantId: string, storeId: string, ids: string[]): Steps<Change[]> {
  const changes: Change[] = [];
  for (const id of ids) {
    const entry = yield* ledgerEntry(merchantId, id);
    if (entry && entry.record.storeId === storeId) changes.push({ kind: 'redemption', id, op: 'upsert', data: entry.record });
    else changes.push({ kind: 'redemption', id, op: 'delete', data: null });
  }
  return changes;
}
