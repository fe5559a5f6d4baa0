import { tallyRedemptions, type RedemptionTally } from '../../core/shift/redemption-tally';
import { num, rows, str, type Steps } from '../sync/sql/steps';

/**
 * Every redemption the shift's terminal made while the shift was open (device time from the open
 * to the close), online on 核销, offline, or as part of a sale; a refused one never happened. A
 * redemption counts as reversed once a reversal of it is in the ledger.
 */
export function* shiftRedemptions(merchantId: string, shiftId: string): Steps<RedemptionTally> {
  const found = yield* rows(
    `SELECT r.count, r.mode, c.id AS campaign_id, c.title,
            CASE WHEN EXISTS (SELECT 1 FROM redemption_reversals AS x WHERE x.merchant_id = r.merchant_id AND x.redemption_id = r.redemption_id)
                 THEN 1 ELSE 0 END AS reversed
       FROM shifts AS s
       JOIN redemptions AS r ON r.merchant_id = s.merchant_id AND r.terminal_id = s.terminal_id
        AND r.device_time >= s.opened_at AND (s.closed_at IS NULL OR r.device_time <= s.closed_at)
       JOIN vouchers AS v ON v.merchant_id = r.merchant_id AND v.id = r.voucher_id
       JOIN campaigns AS c ON c.merchant_id = v.merchant_id AND c.id = v.campaign_id
      WHERE s.merchant_id = ? AND s.id = ? AND r.outcome <> 'rejected'`,
    [merchantId, shiftId],
  );
  return tallyRedemptions(
    found.map((r) => ({ campaignKey: str(r, 'campaign_id'), title: str(r, 'title'), count: num(r, 'count'), offline: r['mode'] === 'offline', reversed: num(r, 'reversed') === 1 })),
  );
}
