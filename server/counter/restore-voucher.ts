import { newId } from '../security/ids';
import type { EntryContext } from '../sync/push/entry-outcome';
import { first, num, q, str, type Steps } from '../sync/sql/steps';

/**
 * Gives a refunded voucher its use back as a reversal row (the redemption is never edited). A
 * redemption already reversed, or one that was a conflict (it took no use), gives nothing back.
 */
export function* restoreVoucherUse(ctx: EntryContext, redemptionId: string, reason: string, managerId: string): Steps<void> {
  const merchantId = ctx.session.merchant.id;
  const r = yield* first(
    `SELECT r.voucher_id, r.count, r.outcome,
            (SELECT 1 FROM redemption_reversals AS x WHERE x.merchant_id = r.merchant_id AND x.redemption_id = r.redemption_id) AS reversed
       FROM redemptions AS r WHERE r.merchant_id = ? AND r.redemption_id = ?`,
    [merchantId, redemptionId],
  );
  if (!r || r['outcome'] !== 'accepted' || (r['reversed'] !== null && r['reversed'] !== undefined)) return;
  const voucherId = str(r, 'voucher_id');
  const count = num(r, 'count');
  const freed = yield* first(
    `UPDATE vouchers SET redeemed = redeemed - ?, status = CASE WHEN status = 'exhausted' THEN 'active' ELSE status END, updated_at = ?
      WHERE merchant_id = ? AND id = ? AND redeemed >= ? RETURNING uses - redeemed AS remaining`,
    [count, ctx.serverTime, merchantId, voucherId, count],
  );
  if (!freed) throw new Error(`voucher ${voucherId} holds fewer uses than its ledger says`);
  yield q(
    `INSERT INTO redemption_reversals (merchant_id, reversal_id, redemption_id, voucher_id, uses_freed, store_id, terminal_id,
       manager_id, approved_at, reason, device_time, server_time, remaining_after)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [merchantId, newId(), redemptionId, voucherId, count, ctx.session.store.id, ctx.session.terminal.id, managerId, ctx.serverTime, reason,
      new Date(ctx.entry.deviceTime).toISOString(), ctx.serverTime, num(freed, 'remaining')],
  );
}
