import { v7 as uuidv7 } from 'uuid';
import type { ErrorCode } from '../../../core/errors';
import { fail, ok, type Result } from '../../../core/result';
import type { VoucherReverseV1 } from '../../../core/sync';
import { appendOutbox } from '../../db/outbox';
import type { LocalRedemption, PosDb } from '../../db/pos-db';

export interface ReverseRequest {
  redemptionId: string;
  reason: string;
  approval: VoucherReverseV1['approval'];
  storeId: string;
  now: Date;
}

/** Why this redemption cannot be reversed from this terminal now, or null. */
export function whyNotReversible(r: LocalRedemption, windowMinutes: number, now: Date): ErrorCode | null {
  if (r.reversal && r.reversal.status !== 'rejected') return 'ALREADY_REVERSED';
  if (r.status !== 'accepted' && r.status !== 'pending') return 'REDEMPTION_NOT_FOUND';
  if (now.getTime() - Date.parse(r.deviceTime) > windowMinutes * 60_000) return 'REVERSE_WINDOW_CLOSED';
  return null;
}

/**
 * Reverses a redemption through the outbox, online or not: one transaction marks the reversal
 * pending on the redemption and appends `voucher.reverse@1`. The server frees the uses when it
 * applies it; until the mirror shows that, this terminal does not count them as free again.
 */
export async function reverseRedemption(db: PosDb, request: ReverseRequest): Promise<Result<LocalRedemption, ErrorCode>> {
  return db.transaction('rw', [db.redemptions, db.storePolicies, db.outbox, db.syncMeta, db.sales], async () => {
    const redemption = await db.redemptions.get(request.redemptionId);
    if (!redemption) return fail('REDEMPTION_NOT_FOUND', 'no such redemption on this terminal');
    // A voucher that paid for part of a sale is given back only by refunding that sale (rows from
    // before the receipt number was kept on the redemption are found through the sale).
    const saleNo = redemption.saleReceiptNo ?? (await db.sales.filter((s) => s.vouchers.some((v) => v.redemptionId === redemption.redemptionId)).first())?.receiptNo;
    if (saleNo !== undefined) return fail('REDEMPTION_IN_SALE', `this voucher is part of sale #${saleNo}; refund that sale instead`);
    const policy = await db.storePolicies.get(request.storeId);
    if (!policy) return fail('OFFLINE_NOT_READY', 'the store policy has not been downloaded yet');
    const refusal = whyNotReversible(redemption, policy.reverseWindowMinutes, request.now);
    if (refusal) return fail(refusal, 'this redemption cannot be reversed');
    const args: VoucherReverseV1 = {
      reversalId: uuidv7(),
      redemptionId: redemption.redemptionId,
      reason: request.reason,
      approval: request.approval,
    };
    const updated: LocalRedemption = {
      ...redemption,
      reversal: {
        reversalId: args.reversalId,
        status: 'pending',
        errorCode: null,
        reason: args.reason,
        managerId: args.approval.managerId,
        requestedAt: request.now.toISOString(),
      },
    };
    await db.redemptions.put(updated);
    await appendOutbox(db, { intent: 'voucher.reverse@1', args, deviceTime: request.now.toISOString() });
    return ok(updated);
  });
}
