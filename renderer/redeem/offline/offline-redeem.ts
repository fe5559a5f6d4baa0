import { v7 as uuidv7 } from 'uuid';
import type { ErrorCode } from '../../../core/errors';
import { fail, ok, type Result } from '../../../core/result';
import type { VoucherRedeemV1 } from '../../../core/sync';
import { appendOutbox } from '../../db/outbox';
import type { LocalRedemption, PosDb } from '../../db/pos-db';
import { judgeFound, offlineCheckTables, type OfflineCheck, type OfflineContext } from './check-offline';
import type { FoundVoucher } from './voucher-lookup';

export interface OfflineRedeemRequest {
  /** Reuse the id of an online attempt whose answer was lost: the server then keeps only one. */
  redemptionId?: string;
  found: FoundVoucher;
  count: number;
  cashierId: string | null;
  /** The slip's name for the cashier; null for the shared counter user. */
  cashierName: string | null;
  approval: VoucherRedeemV1['approval'];
  deviceTime: string;
}

export interface OfflineRedeemed {
  redemption: LocalRedemption;
  check: OfflineCheck;
  seq: number;
}

/**
 * Redeems offline as ONE Dexie transaction: it re-judges the voucher on what is stored (another
 * window may have just spent it), writes the local redemption and appends the outbox entry.
 * Either both exist or neither does.
 */
export async function redeemOffline(
  db: PosDb,
  request: OfflineRedeemRequest,
  ctx: Omit<OfflineContext, 'count'>,
): Promise<Result<OfflineRedeemed, ErrorCode>> {
  return db.transaction('rw', [...offlineCheckTables(db), db.outbox], async () => {
    const check = await judgeFound(db, request.found, { ...ctx, count: request.count, replacing: request.redemptionId ?? null });
    const { verdict } = check;
    if (!verdict.ok) return fail(verdict.code, 'this voucher cannot be redeemed offline here now');
    if (verdict.needsPin && !request.approval) return fail('MANAGER_PIN_INVALID', 'a manager must approve this redemption');
    const redemptionId = request.redemptionId ?? uuidv7();
    const args: VoucherRedeemV1 = {
      redemptionId,
      ...(request.found.mirrored || !request.found.qrToken ? { code: request.found.code } : {}),
      ...(request.found.qrToken ? { qrToken: request.found.qrToken } : {}),
      count: request.count,
      cashierId: request.cashierId,
      basis: verdict.basis,
      leaseId: verdict.leaseId,
      approval: request.approval,
    };
    const redemption: LocalRedemption = {
      redemptionId,
      codeMasked: check.preview.codeMasked,
      campaignTitle: check.preview.campaignTitle,
      count: request.count,
      status: 'pending',
      remaining: verdict.remaining - request.count,
      errorCode: null,
      deviceTime: request.deviceTime,
      serverTime: null,
      mode: 'offline',
      voucherId: request.found.voucher.voucherId,
      basis: verdict.basis,
      valueFen: verdict.valueFen,
      settledAt: null,
      reversal: null,
      cashierName: request.cashierName,
    };
    await db.redemptions.put(redemption);
    const entry = await appendOutbox(db, { intent: 'voucher.redeem@1', args, deviceTime: request.deviceTime });
    return ok({ redemption, check, seq: entry.seq });
  });
}
