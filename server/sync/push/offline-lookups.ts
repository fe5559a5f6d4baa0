import type { RedemptionRecord } from '../../../core/redemption-api';
import { maskCode } from '../../../core/voucher-code';
import type { VoucherAtStore } from '../../repositories/voucher-repository';
import { parseValidityRules } from '../../repositories/sales/campaign-directory';
import { FRESH_PLAN, first, isoOrNull, num, str, strOrNull, type Steps } from '../sql/steps';

export interface VoucherForOffline extends VoucherAtStore {
  leaseStoreId: string | null;
  leaseId: string | null;
  updatedAt: string;
}

/** The voucher behind a code, as the online explanation reads it, plus who holds its lease. */
export function* voucherByCode(merchantId: string, code: string, storeId: string): Steps<VoucherForOffline | undefined> {
  const row = yield* first(
    `SELECT v.id, v.code, v.campaign_id, c.title, c.kind, c.face_value_fen, v.uses, v.redeemed, v.status, v.valid_from,
            v.valid_until, v.buyer_phone, c.validity_rules, m.time_zone, v.lease_id, v.lease_store_id, v.lease_expires_at,
            v.updated_at,
            CASE WHEN (v.home_store_id IS NULL OR v.home_store_id = ?)
                  AND EXISTS (SELECT 1 FROM campaign_stores AS cs WHERE cs.merchant_id = v.merchant_id
                                 AND cs.campaign_id = v.campaign_id AND cs.store_id = ?)
                 THEN 1 ELSE 0 END AS allowed_at_store
       FROM vouchers AS v
       JOIN campaigns AS c ON c.merchant_id = v.merchant_id AND c.id = v.campaign_id
       JOIN merchants AS m ON m.merchant_id = v.merchant_id
      WHERE v.merchant_id = ? AND v.code = ?`,
    [storeId, storeId, merchantId, code], FRESH_PLAN,
  );
  if (!row) return undefined;
  const leaseStoreId = strOrNull(row, 'lease_store_id');
  return {
    id: str(row, 'id'),
    code: str(row, 'code'),
    campaignId: str(row, 'campaign_id'),
    campaignTitle: str(row, 'title'),
    kind: str(row, 'kind') as VoucherAtStore['kind'],
    faceValueFen: num(row, 'face_value_fen'),
    uses: num(row, 'uses'),
    redeemed: num(row, 'redeemed'),
    status: str(row, 'status') as VoucherAtStore['status'],
    validFrom: isoOrNull(row, 'valid_from') ?? '',
    validUntil: isoOrNull(row, 'valid_until') ?? '',
    buyerPhone: strOrNull(row, 'buyer_phone'),
    allowedAtStore: num(row, 'allowed_at_store') === 1,
    validityRules: parseValidityRules(String(row['validity_rules'] ?? '{}')),
    timeZone: str(row, 'time_zone'),
    leasedElsewhereUntil: leaseStoreId !== null && leaseStoreId !== storeId ? isoOrNull(row, 'lease_expires_at') : null,
    leaseStoreId,
    leaseId: strOrNull(row, 'lease_id'),
    updatedAt: isoOrNull(row, 'updated_at') ?? '',
  };
}

export interface LedgerEntry {
  record: RedemptionRecord;
  fingerprint: string;
  clockSkewMs: number | null;
}

/** A redemption already in the ledger under this id, online or offline. */
export function* ledgerEntry(merchantId: string, redemptionId: string): Steps<LedgerEntry | undefined> {
  const row = yield* first(
    `SELECT r.redemption_id, r.voucher_id, v.code, c.title, r.count, r.remaining_after, r.store_id, r.terminal_id,
            r.cashier_id, r.device_time, r.server_time, r.mode, r.outcome, r.request_fingerprint, r.clock_skew_ms
       FROM redemptions AS r
       JOIN vouchers AS v ON v.merchant_id = r.merchant_id AND v.id = r.voucher_id
       JOIN campaigns AS c ON c.merchant_id = v.merchant_id AND c.id = v.campaign_id
      WHERE r.merchant_id = ? AND r.redemption_id = ?`,
    [merchantId, redemptionId], FRESH_PLAN,
  );
  if (!row) return undefined;
  const skew = row['clock_skew_ms'];
  return {
    fingerprint: str(row, 'request_fingerprint'),
    clockSkewMs: skew === null || skew === undefined ? null : Number(skew),
    record: {
      redemptionId: str(row, 'redemption_id'),
      voucherId: str(row, 'voucher_id'),
      codeMasked: maskCode(str(row, 'code')),
      campaignTitle: str(row, 'title'),
      count: num(row, 'count'),
      remaining: num(row, 'remaining_after'),
      storeId: str(row, 'store_id'),
      terminalId: str(row, 'terminal_id'),
      cashierId: strOrNull(row, 'cashier_id'),
      deviceTime: isoOrNull(row, 'device_time') ?? '',
      serverTime: isoOrNull(row, 'server_time') ?? '',
      mode: str(row, 'mode') as RedemptionRecord['mode'],
      outcome: str(row, 'outcome') as RedemptionRecord['outcome'],
    },
  };
}
