import type { ErrorCode } from '../../../core/errors';
import { fail, type Result } from '../../../core/result';
import { posDb } from '../../db/instance';
import type { LocalRedemption, Pairing } from '../../db/pos-db';
import { managerPinGate } from '../../staff/pin-gate';
import { reverseRedemption } from './offline-reverse';

/** Whether the recent list offers "reverse" for this row (the window is checked on submit). */
export function offersReverse(r: LocalRedemption): boolean {
  // A sale's voucher comes back only through that sale's refund.
  if (r.saleReceiptNo !== undefined) return false;
  return (r.status === 'accepted' || (r.status === 'pending' && r.mode === 'offline')) && (!r.reversal || r.reversal.status === 'rejected');
}

/** A manager's PIN, then the reversal through the outbox: the same online and offline. */
export async function reverseAtCounter(
  pairing: Pairing,
  redemptionId: string,
  pin: string,
  reason: string,
): Promise<Result<LocalRedemption, ErrorCode>> {
  const db = posDb();
  const policy = await db.storePolicies.get(pairing.storeId);
  if (!policy) return fail('OFFLINE_NOT_READY', 'the store policy has not been downloaded yet');
  const approval = await managerPinGate.approve(policy.managers, pin);
  if (!approval.ok) return fail(approval.code, approval.message);
  return reverseRedemption(db, { redemptionId, reason, approval: approval.value, storeId: pairing.storeId, now: new Date() });
}
