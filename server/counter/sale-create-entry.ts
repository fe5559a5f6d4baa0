import { discountNeedsManager } from '../../core/sale/discount-approval';
import { pointsEarned } from '../../core/sale/points-rule';
import type { SaleCreateResult, SaleCreateV1 } from '../../core/sale/sale-intents';
import { moneyPaidFen, settle } from '../../core/sale/settle';
import { computeTotals } from '../../core/sale/totals';
import { applied, conflicted, rejected, type EntryContext, type EntryOutcome } from '../sync/push/entry-outcome';
import { isStoreManager } from '../sync/policy/policy-statements';
import { first, q, type Steps } from '../sync/sql/steps';
import { readCounterSettings } from './counter-settings';
import { addPoints, audit, resolveMember } from './member-statements';
import { withSavepoint } from './savepoint';
import { cartLinesOf, checkVoucherUse, paymentInputs } from './sale-check';
import { redeemBillVouchers } from './sale-vouchers';

/**
 * `sale.create@1`: checks the bill with the pure domain, redeems its vouchers through the redeem
 * path, settles the payments against the server's own voucher terms and member balance, then writes
 * the sale, its lines and payments and the points ledger. Any refusal rolls all of it back.
 */
export function* saleCreateEntry(ctx: EntryContext, args: SaleCreateV1): Steps<EntryOutcome> {
  const merchantId = ctx.session.merchant.id;
  const storeId = ctx.session.store.id;
  const saleId = args.saleId.toLowerCase();
  if (yield* first(`SELECT 1 AS one FROM sales WHERE merchant_id = ? AND id = ?`, [merchantId, saleId])) {
    return rejected(ctx, 'VALIDATION_FAILED', 'this sale id was already used by another entry');
  }
  const lines = cartLinesOf(args);
  const totals = computeTotals(lines, args.orderDiscountFen);
  if (!totals.ok) return rejected(ctx, totals.code, totals.message);
  const vouchersUsed = checkVoucherUse(args);
  if (!vouchersUsed.ok) return rejected(ctx, vouchersUsed.code, vouchersUsed.message);
  for (const v of args.vouchers) {
    const id = v.redemption.redemptionId.toLowerCase();
    const onAnotherBill = yield* first(
      `SELECT 1 AS one FROM sale_payments WHERE merchant_id = ? AND redemption_id = ? UNION ALL SELECT 1 FROM sale_lines WHERE merchant_id = ? AND voucher_redemption_id = ?`,
      [merchantId, id, merchantId, id],
    );
    if (onAnotherBill) return rejected(ctx, 'REDEMPTION_ID_REUSED', 'this voucher redemption already paid for another sale');
  }
  const settings = yield* readCounterSettings(merchantId);
  const discountFen = totals.value.lineDiscountFen + totals.value.orderDiscountFen;
  if (discountNeedsManager(discountFen, settings.discount)) {
    if (!args.discountApproval) return rejected(ctx, 'MANAGER_APPROVAL_REQUIRED', 'a discount this large needs a manager PIN');
    if (!(yield* isStoreManager(merchantId, storeId, args.discountApproval.managerId))) {
      return rejected(ctx, 'MANAGER_PIN_INVALID', 'the approving manager is not a manager of this store');
    }
  }
  const shiftId = args.shiftId?.toLowerCase() ?? null;
  if (shiftId && !(yield* first(`SELECT 1 AS one FROM shifts WHERE merchant_id = ? AND id = ? AND store_id = ?`, [merchantId, shiftId, storeId]))) {
    return rejected(ctx, 'SHIFT_NOT_FOUND', 'no such shift at this store');
  }
  // A sale the cashier confirmed is never lost over its member: an unknown one (its enrolment was
  // refused) leaves the sale without a member, and the result says so (memberId null).
  const member = args.memberId ? yield* resolveMember(merchantId, args.memberId.toLowerCase()) : undefined;

  return yield* withSavepoint(function* () {
    const run = yield* redeemBillVouchers(ctx, args.vouchers);
    if (!run.ok) return { value: rejected(ctx, run.code, run.message), undo: true };
    const settlement = settle(totals.value.totalFen, paymentInputs(args, run.redeemed), {
      pointsRule: settings.points,
      pointsBalance: member ? member.points : null,
    });
    if (!settlement.ok) return { value: rejected(ctx, settlement.code, settlement.message), undo: true };
    const { tenders, changeFen, totalFen } = settlement.value;
    if (totalFen !== args.totalFen || changeFen !== args.changeFen) {
      const message = `the server computes a total of ${totalFen} and change of ${changeFen} fen, the terminal ${args.totalFen} and ${args.changeFen}`;
      return { value: rejected(ctx, 'TENDER_MISMATCH', message), undo: true };
    }
    const earned = member ? pointsEarned(moneyPaidFen(tenders), settings.points) : 0;
    const conflict = run.redeemed.some((r) => r.conflict);
    const deviceTime = new Date(ctx.entry.deviceTime).toISOString();
    yield q(
      `INSERT INTO sales (merchant_id, id, store_id, terminal_id, shift_id, cashier_id, member_id, order_type, table_no, note, gross_fen,
         line_discount_fen, order_discount_fen, total_fen, change_fen, points_earned, discount_approved_by, outcome, device_time, server_time)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [merchantId, saleId, storeId, ctx.session.terminal.id, shiftId, args.cashierId, member?.id ?? null, args.orderType, args.tableNo, args.note,
        totals.value.grossFen, totals.value.lineDiscountFen, totals.value.orderDiscountFen, totalFen, changeFen, earned,
        args.discountApproval?.managerId ?? null, conflict ? 'conflict' : 'accepted', deviceTime, ctx.serverTime],
    );
    for (const line of lines) {
      const campaignId = run.redeemed.find((r) => r.redemptionId === line.voucherRedemptionId)?.terms.campaignId ?? null;
      yield q(
        `INSERT INTO sale_lines (merchant_id, sale_id, line_id, item_id, name, qty, unit_price_fen, discount_fen, net_fen, voucher_redemption_id, campaign_id, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [merchantId, saleId, line.lineId, line.itemId, line.name, line.qty, line.unitPriceFen, line.discountFen,
          totals.value.lineNetFen.get(line.lineId) ?? 0, line.voucherRedemptionId, campaignId, line.note],
      );
    }
    for (const t of tenders) {
      yield q(
        `INSERT INTO sale_payments (merchant_id, sale_id, tender_id, kind, amount_fen, received_fen, reference, redemption_id, campaign_id, points)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [merchantId, saleId, t.tenderId, t.kind, t.amountFen, t.receivedFen, t.reference, t.redemptionId, t.campaignId, t.points],
      );
    }
    if (member) {
      const spent = tenders.reduce((s, t) => s + (t.points ?? 0), 0);
      const base = { merchantId, memberId: member.id, saleId, refundId: null, storeId, at: ctx.serverTime };
      if (!(yield* addPoints({ ...base, delta: -spent, reason: 'spend' }))) {
        return { value: rejected(ctx, 'POINTS_INSUFFICIENT', 'the member no longer has the points this sale spends'), undo: true };
      }
      yield* addPoints({ ...base, delta: earned, reason: 'earn' });
      yield q(`UPDATE members SET visits = visits + 1, version = version + 1, updated_at = ? WHERE merchant_id = ? AND id = ?`, [ctx.serverTime, merchantId, member.id]);
    }
    if (args.discountApproval && discountFen > 0) {
      yield* audit(merchantId, ctx.serverTime, ctx.session.terminal.id, 'sale.discount', saleId, {
        managerId: args.discountApproval.managerId, approvedAt: args.discountApproval.approvedAt, discountFen,
      });
    }
    const result: SaleCreateResult = {
      saleId, totalFen, changeFen, memberId: member?.id ?? null, pointsEarned: earned, redemptionIds: run.redeemed.map((r) => r.redemptionId),
    };
    return { value: conflict ? conflicted(ctx, result) : applied(ctx, result), undo: false };
  });
}
