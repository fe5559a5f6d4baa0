import type { VoucherRedeemV1 } from '../../../core/sync';
import { isStoreManager, readStorePolicy } from '../policy/policy-statements';
import { FRESH_PLAN, first, isoOrNull, num, type Steps } from '../sql/steps';
import type { OfflineRedeemParams } from './offline-redeem-sql';

/** The store policy's rules for provisional redemptions; the code names the rule in the conflict. */
export type OfflineRule = 'OFFLINE_NOT_ALLOWED' | 'OFFLINE_TOO_LONG' | 'OFFLINE_CAP_REACHED' | 'MANAGER_APPROVAL_REQUIRED';

export interface BrokenRule {
  code: OfflineRule;
  message: string;
}

const HOUR = 3_600_000;

/**
 * Judges a provisional (beyond-lease) redemption by the store's policy as the terminal should
 * have: allowed at all, offline no longer than the policy's hours since the terminal's last answered
 * sync (the server's own record), within the terminal's count and value caps counting its earlier
 * provisional redemptions that had not reached the server when this one was made, and approved by
 * one of the store's managers above the value threshold.
 */
export function* brokenOfflineRule(p: OfflineRedeemParams, args: VoucherRedeemV1, faceValueFen: number): Steps<BrokenRule | null> {
  const policy = yield* readStorePolicy(p.merchantId, p.storeId);
  if (!policy.provisionalEnabled) return { code: 'OFFLINE_NOT_ALLOWED', message: 'this store does not allow provisional offline redemptions' };

  const contact = yield* first(`SELECT last_contact_at FROM terminals WHERE merchant_id = ? AND id = ?`, [p.merchantId, p.terminalId]);
  const lastContact = isoOrNull(contact, 'last_contact_at');
  // No record (a terminal not heard from since this rule came in): its age cannot be told.
  if (lastContact !== null && Date.parse(p.businessTime) - Date.parse(lastContact) > policy.maxOfflineHours * HOUR) {
    return { code: 'OFFLINE_TOO_LONG', message: `redeemed more than ${policy.maxOfflineHours} hours after the terminal last synced` };
  }

  const valueFen = faceValueFen * p.count;
  const pending = yield* unsyncedBefore(p, policy.maxCountPerTerminal);
  if (pending.uses + p.count > policy.maxCountPerTerminal || pending.valueFen + valueFen > policy.maxValueFenPerTerminal) {
    return {
      code: 'OFFLINE_CAP_REACHED',
      message: `over the terminal's offline caps (${policy.maxCountPerTerminal} uses, ${policy.maxValueFenPerTerminal} fen unsynced)`,
    };
  }
  if (valueFen > policy.managerPinAboveFen) {
    const approver = args.approval?.managerId;
    if (!approver || !(yield* isStoreManager(p.merchantId, p.storeId, approver))) {
      return { code: 'MANAGER_APPROVAL_REQUIRED', message: `above ${policy.managerPinAboveFen} fen a store manager must approve an offline redemption` };
    }
  }
  return null;
}

/**
 * The uses and value of the terminal's provisional redemptions that had not reached the server when
 * this one was made (arrived at or after its business time) and were made before it (device time).
 * The per-push tallies answer it in one read of the few pushes since then; only when one of those
 * pushes holds a redemption made later by the device clock (a clock set back) are its rows read.
 */
function* unsyncedBefore(p: OfflineRedeemParams, maxCount: number): Steps<{ uses: number; valueFen: number }> {
  const tally = yield* first(
    `SELECT coalesce(sum(uses), 0) AS uses, coalesce(sum(value_fen), 0) AS value_fen,
            coalesce(max(CASE WHEN last_device_time > ? THEN 1 ELSE 0 END), 0) AS made_later
       FROM offline_tallies WHERE merchant_id = ? AND terminal_id = ? AND server_time >= ?`,
    [p.deviceTime, p.merchantId, p.terminalId, p.businessTime],
  );
  if (num(tally, 'made_later') === 0) return { uses: num(tally, 'uses'), valueFen: num(tally, 'value_fen') };
  // Each earlier redemption takes at least one use, so one more row than the uses left under the
  // count cap decides both caps exactly.
  const rowsThatDecide = Math.max(0, maxCount - p.count) + 1;
  const rows = yield* first(
    `SELECT coalesce(sum(uses), 0) AS uses, coalesce(sum(value_fen), 0) AS value_fen FROM (
       SELECT r.count AS uses, r.count * c.face_value_fen AS value_fen
         FROM redemptions AS r
         JOIN vouchers AS v ON v.merchant_id = r.merchant_id AND v.id = r.voucher_id
         JOIN campaigns AS c ON c.merchant_id = v.merchant_id AND c.id = v.campaign_id
        WHERE r.merchant_id = ? AND r.terminal_id = ? AND r.server_time >= ? AND r.mode = 'offline'
          AND r.offline_basis = 'provisional' AND r.outcome = 'accepted' AND r.device_time <= ?
        LIMIT ?) AS pending`,
    [p.merchantId, p.terminalId, p.businessTime, p.deviceTime, rowsThatDecide], FRESH_PLAN,
  );
  return { uses: num(rows, 'uses'), valueFen: num(rows, 'value_fen') };
}
