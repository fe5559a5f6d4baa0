import type { VoucherReverseV1 } from '../../../core/sync';
import { newId } from '../../security/ids';
import { isStoreManager, readStorePolicy } from '../policy/policy-statements';
import { FRESH_PLAN, first, isoOrNull, num, q, str, type Steps } from '../sql/steps';
import { businessTime } from './device-clock';
import { applied, duplicateOf, rejected, type EntryContext, type EntryOutcome } from './entry-outcome';
import { saleOfRedemption } from './redemption-sale';

/** What a reverse entry answers. */
export interface ReversalResult {
  reversalId: string;
  redemptionId: string;
  voucherId: string;
  /** Uses given back to the voucher: the redemption's count, or 0 for a conflict (it took none). */
  usesFreed: number;
  remaining: number;
  serverTime: string;
}

function resultOf(row: Record<string, unknown>): ReversalResult {
  return {
    reversalId: str(row, 'reversal_id'),
    redemptionId: str(row, 'redemption_id'),
    voucherId: str(row, 'voucher_id'),
    usesFreed: num(row, 'uses_freed'),
    remaining: num(row, 'remaining_after'),
    serverTime: isoOrNull(row, 'server_time') ?? '',
  };
}

/**
 * `voucher.reverse@1`: within the store policy's window and approved by one of the store's
 * managers, appends a reversal row (the redemption itself is never edited) and frees its uses.
 * The same reversal id answers the first result again.
 */
export function* reverseEntry(ctx: EntryContext, args: VoucherReverseV1): Steps<EntryOutcome> {
  const merchantId = ctx.session.merchant.id;
  const storeId = ctx.session.store.id;
  const reversalId = args.reversalId.toLowerCase();
  const redemptionId = args.redemptionId.toLowerCase();
  const earlier = yield* first(`SELECT * FROM redemption_reversals WHERE merchant_id = ? AND reversal_id = ?`, [merchantId, reversalId], FRESH_PLAN);
  if (earlier) {
    if (earlier['redemption_id'] !== redemptionId) return rejected(ctx, 'VALIDATION_FAILED', 'this reversal id was already used for another redemption');
    const result = resultOf(earlier);
    return duplicateOf(result, result.serverTime);
  }
  const redemption = yield* first(
    `SELECT r.voucher_id, r.count, r.store_id, r.mode, r.outcome, r.device_time, r.server_time, v.uses, v.redeemed,
            (SELECT 1 FROM redemption_reversals AS x WHERE x.merchant_id = r.merchant_id AND x.redemption_id = r.redemption_id) AS reversed
       FROM redemptions AS r JOIN vouchers AS v ON v.merchant_id = r.merchant_id AND v.id = r.voucher_id
      WHERE r.merchant_id = ? AND r.redemption_id = ?`,
    [merchantId, redemptionId], FRESH_PLAN,
  );
  if (!redemption || redemption['store_id'] !== storeId) return rejected(ctx, 'REDEMPTION_NOT_FOUND', 'no redemption with this id at this store');
  if (redemption['reversed'] !== null && redemption['reversed'] !== undefined) return rejected(ctx, 'ALREADY_REVERSED', 'this redemption was already reversed');
  // A voucher that paid for (or was) part of a sale comes back only through that sale's refund.
  const saleId = yield* saleOfRedemption(merchantId, redemptionId);
  if (saleId) return rejected(ctx, 'REDEMPTION_IN_SALE', `this redemption is part of sale ${saleId}; refund the sale to give the voucher back`);
  if (!(yield* isStoreManager(merchantId, storeId, args.approval.managerId))) {
    return rejected(ctx, 'MANAGER_PIN_INVALID', 'the approving manager is not a manager of this store');
  }
  const policy = yield* readStorePolicy(merchantId, storeId);
  const redeemedAt = Date.parse(isoOrNull(redemption, redemption['mode'] === 'offline' ? 'device_time' : 'server_time') ?? '');
  const reversedAt = businessTime(ctx.clock, ctx.entry.deviceTime).getTime();
  if (reversedAt - redeemedAt > policy.reverseWindowMinutes * 60_000) {
    return rejected(ctx, 'REVERSE_WINDOW_CLOSED', `a redemption can be reversed within ${policy.reverseWindowMinutes} minutes`);
  }

  const voucherId = str(redemption, 'voucher_id');
  const usesFreed = redemption['outcome'] === 'accepted' ? num(redemption, 'count') : 0;
  let remaining = num(redemption, 'uses') - num(redemption, 'redeemed');
  if (usesFreed > 0) {
    const freed = yield* first(
      `UPDATE vouchers SET redeemed = redeemed - ?, status = CASE WHEN status = 'exhausted' THEN 'active' ELSE status END,
              updated_at = ?
        WHERE merchant_id = ? AND id = ? AND redeemed >= ? RETURNING uses - redeemed AS remaining`,
      [usesFreed, ctx.serverTime, merchantId, voucherId, usesFreed],
    );
    if (!freed) throw new Error(`voucher ${voucherId} holds fewer uses than its ledger says`);
    remaining = num(freed, 'remaining');
  } else {
    yield q(
      `UPDATE redemption_conflicts SET status = 'resolved', resolved_at = ?, resolved_by = ?, note = ?
        WHERE merchant_id = ? AND redemption_id = ? AND status = 'open'`,
      [ctx.serverTime, `reversal:${reversalId}`, args.reason, merchantId, redemptionId],
    );
  }
  const result: ReversalResult = { reversalId, redemptionId, voucherId, usesFreed, remaining, serverTime: ctx.serverTime };
  yield q(
    `INSERT INTO redemption_reversals (merchant_id, reversal_id, redemption_id, voucher_id, uses_freed, store_id, terminal_id,
       manager_id, approved_at, reason, device_time, server_time, remaining_after)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [merchantId, reversalId, redemptionId, voucherId, usesFreed, storeId, ctx.session.terminal.id, args.approval.managerId,
      new Date(args.approval.approvedAt).toISOString(), args.reason, new Date(ctx.entry.deviceTime).toISOString(), ctx.serverTime, remaining],
  );
  yield q(
    `INSERT INTO audit_log (merchant_id, id, at, actor_type, actor_id, action, subject_id, details) VALUES (?, ?, ?, 'terminal', ?, 'voucher.reverse', ?, ?)`,
    [merchantId, newId(), ctx.serverTime, ctx.session.terminal.id, redemptionId,
      JSON.stringify({ reversalId, managerId: args.approval.managerId, usesFreed, reason: args.reason })],
  );
  return applied(ctx, result);
}
