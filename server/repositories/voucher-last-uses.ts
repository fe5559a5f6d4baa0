import { LAST_USES_SHOWN, type VoucherUse } from '../../core/redemption-api';
import type { Db } from '../db/database';
import { withoutTransaction } from '../sync/sql/run-steps';
import { isoOrNull, num, rows, str, strOrNull } from '../sync/sql/steps';

/**
 * A voucher's last uses, newest first: when, at which store and terminal, by which cashier (a
 * counter user's or manager's name, when the redemption named one), how many, and whether it was
 * reversed since. Uses the server recorded (accepted, or conflicting offline ones); refusals are not uses.
 */
export async function lastUsesOf(db: Db, merchantId: string, voucherId: string, limit = LAST_USES_SHOWN): Promise<VoucherUse[]> {
  const found = await withoutTransaction(db, () =>
    rows(
      `SELECT r.device_time, r.count, r.mode, s.name AS store_name, t.name AS terminal_name,
              COALESCE(tu.name, sm.name) AS cashier_name,
              CASE WHEN x.reversal_id IS NULL THEN 0 ELSE 1 END AS reversed
         FROM redemptions r
         JOIN stores s ON s.merchant_id = r.merchant_id AND s.id = r.store_id
         JOIN terminals t ON t.merchant_id = r.merchant_id AND t.id = r.terminal_id
         LEFT JOIN terminal_users tu ON tu.merchant_id = r.merchant_id AND tu.id = r.cashier_id
         LEFT JOIN store_managers sm ON sm.merchant_id = r.merchant_id AND sm.store_id = r.store_id AND sm.manager_id = r.cashier_id
         LEFT JOIN redemption_reversals x ON x.merchant_id = r.merchant_id AND x.redemption_id = r.redemption_id
        WHERE r.merchant_id = ? AND r.voucher_id = ? AND r.outcome IN ('accepted', 'conflict')
        ORDER BY r.device_time DESC, r.redemption_id DESC
        LIMIT ?`,
      [merchantId, voucherId, limit],
    ),
  );
  return found.map((row) => ({
    at: isoOrNull(row, 'device_time') ?? '',
    storeName: str(row, 'store_name'),
    terminalName: str(row, 'terminal_name'),
    cashierName: strOrNull(row, 'cashier_name'),
    count: num(row, 'count'),
    mode: str(row, 'mode') === 'offline' ? 'offline' : 'online',
    reversed: num(row, 'reversed') === 1,
  }));
}
