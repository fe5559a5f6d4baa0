import type { RedemptionRecord } from '../../core/redemption-api';
import type { CashVoucherTerms } from '../../core/sale/tender';
import type { SaleVoucherArgs } from '../../core/sale/sale-intents';
import type { ErrorCode } from '../../core/errors';
import { redeemEntry } from '../sync/push/redeem-entry';
import type { EntryContext } from '../sync/push/entry-outcome';
import { first, num, str, type Steps } from '../sync/sql/steps';

export interface RedeemedOnBill {
  redemptionId: string;
  use: SaleVoucherArgs['use'];
  record: RedemptionRecord;
  conflict: boolean;
  terms: CashVoucherTerms;
}

export type VoucherRun = { ok: true; redeemed: RedeemedOnBill[] } | { ok: false; code: ErrorCode; message: string };

/**
 * Redeems the bill's vouchers through the same path as `voucher.redeem@1` (leases, conflicts,
 * validity at the entry's business time). A refused voucher refuses the bill; a conflict keeps it.
 */
export function* redeemBillVouchers(ctx: EntryContext, vouchers: readonly SaleVoucherArgs[]): Steps<VoucherRun> {
  const redeemed: RedeemedOnBill[] = [];
  for (const v of vouchers) {
    const outcome = yield* redeemEntry(ctx, v.redemption);
    if (outcome.status === 'rejected') {
      return { ok: false, code: (outcome.error?.code ?? 'VALIDATION_FAILED') as ErrorCode, message: outcome.error?.message ?? 'voucher refused' };
    }
    const record = outcome.result as RedemptionRecord;
    const campaign = yield* first(
      `SELECT c.id, c.kind, c.face_value_fen, c.min_spend_fen FROM vouchers AS v JOIN campaigns AS c ON c.merchant_id = v.merchant_id AND c.id = v.campaign_id
        WHERE v.merchant_id = ? AND v.id = ?`,
      [ctx.session.merchant.id, record.voucherId],
    );
    if (!campaign) return { ok: false, code: 'VOUCHER_NOT_FOUND', message: 'the voucher has no campaign' };
    const kind = str(campaign, 'kind');
    if ((v.use === 'tender') !== (kind === 'cash')) {
      return { ok: false, code: 'VOUCHER_KIND_MISMATCH', message: `a ${kind} voucher cannot be used as ${v.use === 'tender' ? 'a payment' : 'an item'}` };
    }
    redeemed.push({
      redemptionId: v.redemption.redemptionId.toLowerCase(),
      use: v.use,
      record,
      conflict: outcome.status === 'conflict' || record.outcome === 'conflict',
      terms: { campaignId: str(campaign, 'id'), faceValueFen: num(campaign, 'face_value_fen'), minSpendFen: Number(campaign['min_spend_fen'] ?? 0) },
    });
  }
  return { ok: true, redeemed };
}
