/**
 * The conditional update of the redeem hot path, shared by both dialects. Parameters are named
 * `$name` here and bound per dialect. RETURNING yields the values after the update. The table is
 * not aliased because SQLite's RETURNING accepts only its real name.
 * `validityTime` names the parameter validity is judged at: the server's time online, an offline
 * entry's business time when a terminal syncs.
 * A campaign with weekday, hour or blackout rules (keys of its stored rules JSON) is redeemed only
 * when `$rulesPassedCampaignId` names it: those rules are judged in code, in the merchant's zone.
 */
export function redeemUpdateSql(validityTime = '$serverTime'): string {
  return `
UPDATE vouchers
   SET redeemed = vouchers.redeemed + $count,
       status = CASE WHEN vouchers.redeemed + $count = vouchers.uses THEN 'exhausted' ELSE vouchers.status END,
       updated_at = $serverTime
 WHERE vouchers.merchant_id = $merchantId
   AND vouchers.code = $code
   AND vouchers.status = 'active'
   AND vouchers.redeemed + $count <= vouchers.uses
   AND vouchers.valid_from <= ${validityTime}
   AND vouchers.valid_until > ${validityTime}
   AND (vouchers.home_store_id IS NULL OR vouchers.home_store_id = $storeId)
   AND (vouchers.lease_store_id IS NULL OR vouchers.lease_store_id = $storeId OR vouchers.lease_expires_at <= $serverTime)
   AND (vouchers.campaign_id = $rulesPassedCampaignId
        OR NOT EXISTS (SELECT 1 FROM campaigns AS c
                        WHERE c.merchant_id = vouchers.merchant_id AND c.id = vouchers.campaign_id
                          AND (c.validity_rules LIKE '%"weekdays"%' OR c.validity_rules LIKE '%"hourWindows"%'
                               OR c.validity_rules LIKE '%"blackoutDates"%')))
   AND EXISTS (SELECT 1 FROM campaign_stores AS cs
                WHERE cs.merchant_id = vouchers.merchant_id
                  AND cs.campaign_id = vouchers.campaign_id
                  AND cs.store_id = $storeId)
RETURNING vouchers.id AS voucher_id,
          vouchers.uses - vouchers.redeemed AS remaining,
          (SELECT c.title FROM campaigns AS c
            WHERE c.merchant_id = vouchers.merchant_id AND c.id = vouchers.campaign_id) AS campaign_title`;
}

export const REDEEM_UPDATE = redeemUpdateSql();

export const REDEMPTION_COLUMNS =
  'merchant_id, redemption_id, voucher_id, count, store_id, terminal_id, cashier_id, device_time, server_time, mode, outcome, remaining_after, request_fingerprint';

export const AUDIT_COLUMNS = 'merchant_id, id, at, actor_type, actor_id, action, subject_id, details';
