import type { RedemptionRecord } from '../../../core/redemption-api';
import { maskCode } from '../../../core/voucher-code';
import type { AppFailure } from '../../use-cases/outcome';
import { FRESH_PLAN, first, isoOrNull, q, strOrNull, type Steps } from '../sql/steps';
import type { VoucherForOffline } from './offline-lookups';
import { auditRow, ledgerRow, type OfflineRedeemParams } from './offline-redeem-sql';

/** The codes that mean "spent, refunded or reserved elsewhere first": a conflict, never a refusal. */
export const CONFLICT_CODES = new Set(['VOUCHER_EXHAUSTED', 'VOUCHER_NOT_ACTIVE', 'LEASE_HELD_ELSEWHERE']);

interface FirstSide {
  kind: 'redemption' | 'lease' | 'void';
  ref: string | null;
  storeId: string | null;
  terminalId: string | null;
  at: string | null;
}

function* firstSide(merchantId: string, voucher: VoucherForOffline, reason: AppFailure): Steps<FirstSide> {
  if (reason.code === 'LEASE_HELD_ELSEWHERE') {
    const lease = yield* first(`SELECT id, store_id, granted_at FROM leases WHERE merchant_id = ? AND id = ?`, [merchantId, voucher.leaseId]);
    return { kind: 'lease', ref: strOrNull(lease, 'id'), storeId: strOrNull(lease, 'store_id'), terminalId: null, at: isoOrNull(lease, 'granted_at') };
  }
  if (reason.code === 'VOUCHER_NOT_ACTIVE') {
    return { kind: 'void', ref: null, storeId: null, terminalId: null, at: voucher.updatedAt };
  }
  // A store policy rule broken offline: nobody else took the voucher first.
  if (!CONFLICT_CODES.has(reason.code)) return { kind: 'redemption', ref: null, storeId: null, terminalId: null, at: null };
  const last = yield* first(
    `SELECT r.redemption_id, r.store_id, r.terminal_id, r.server_time FROM redemptions AS r
      WHERE r.merchant_id = ? AND r.voucher_id = ? AND r.outcome = 'accepted'
        AND NOT EXISTS (SELECT 1 FROM redemption_reversals AS x
                         WHERE x.merchant_id = r.merchant_id AND x.redemption_id = r.redemption_id)
      ORDER BY r.server_time DESC, r.redemption_id DESC LIMIT 1`,
    [merchantId, voucher.id], FRESH_PLAN,
  );
  return {
    kind: 'redemption',
    ref: strOrNull(last, 'redemption_id'),
    storeId: strOrNull(last, 'store_id'),
    terminalId: strOrNull(last, 'terminal_id'),
    at: isoOrNull(last, 'server_time'),
  };
}

/**
 * An offline redemption the voucher can no longer take: it goes into the ledger as a conflict
 * (uses unchanged) with both sides for the merchant to review, never dropped.
 */
export function* recordConflict(
  p: OfflineRedeemParams,
  voucher: VoucherForOffline,
  reason: AppFailure,
  seq: number,
  leaseId: string | null,
): Steps<RedemptionRecord> {
  const remaining = voucher.uses - voucher.redeemed;
  const side = yield* firstSide(p.merchantId, voucher, reason);
  yield ledgerRow(p, 'conflict', voucher.id, remaining);
  yield q(
    `INSERT INTO redemption_conflicts (merchant_id, redemption_id, voucher_id, store_id, terminal_id, seq, count, device_time,
       server_time, reason, basis, lease_id, first_kind, first_ref, first_store_id, first_terminal_id, first_at, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')`,
    [
      p.merchantId,
      p.redemptionId,
      voucher.id,
      p.storeId,
      p.terminalId,
      seq,
      p.count,
      p.deviceTime,
      p.serverTime,
      reason.code,
      p.basis,
      leaseId,
      side.kind,
      side.ref,
      side.storeId,
      side.terminalId,
      side.at,
    ],
  );
  yield auditRow({ ...p, auditDetails: JSON.stringify({ code: maskCode(p.code), count: p.count, reason: reason.code }) }, 'voucher.redeem.conflict');
  return {
    redemptionId: p.redemptionId,
    voucherId: voucher.id,
    codeMasked: maskCode(p.code),
    campaignTitle: voucher.campaignTitle,
    count: p.count,
    remaining,
    storeId: p.storeId,
    terminalId: p.terminalId,
    cashierId: p.cashierId,
    deviceTime: p.deviceTime,
    serverTime: p.serverTime,
    mode: 'offline',
    outcome: 'conflict',
  };
}
