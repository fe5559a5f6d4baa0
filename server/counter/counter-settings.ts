import { DEFAULT_COUNTER_SETTINGS, type CounterSettings } from '../../core/sale/counter-settings';
import type { CounterSettingsRow } from '../../core/sync';
import { first, num, q, type Steps } from '../sync/sql/steps';

/** The merchant's saved settings, or the shared defaults until it saves its own. */
export function* readCounterSettings(merchantId: string): Steps<CounterSettings> {
  const row = yield* first(`SELECT * FROM counter_settings WHERE merchant_id = ?`, [merchantId]);
  if (!row) return DEFAULT_COUNTER_SETTINGS;
  return {
    discount: { managerPinAboveFen: num(row, 'discount_pin_above_fen') },
    points: { earnFenPerPoint: num(row, 'earn_fen_per_point'), redeemFenPerPoint: num(row, 'redeem_fen_per_point') },
    restoreVoucherOnRefund: num(row, 'restore_voucher_on_refund') === 1,
    pinMaxFailures: num(row, 'pin_max_failures'),
    pinLockMinutes: num(row, 'pin_lock_minutes'),
    sharedCounterUser: num(row, 'shared_counter_user') === 1,
  };
}

/** Saves the merchant's counter settings (owner only, at the route). */
export function* saveCounterSettings(merchantId: string, s: CounterSettings, at: string): Steps<void> {
  yield q(
    `INSERT INTO counter_settings (merchant_id, discount_pin_above_fen, earn_fen_per_point, redeem_fen_per_point, restore_voucher_on_refund,
       pin_max_failures, pin_lock_minutes, shared_counter_user, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (merchant_id) DO UPDATE SET discount_pin_above_fen = excluded.discount_pin_above_fen, earn_fen_per_point = excluded.earn_fen_per_point,
       redeem_fen_per_point = excluded.redeem_fen_per_point, restore_voucher_on_refund = excluded.restore_voucher_on_refund,
       pin_max_failures = excluded.pin_max_failures, pin_lock_minutes = excluded.pin_lock_minutes,
       shared_counter_user = excluded.shared_counter_user, updated_at = excluded.updated_at`,
    [merchantId, s.discount.managerPinAboveFen, s.points.earnFenPerPoint, s.points.redeemFenPerPoint, s.restoreVoucherOnRefund ? 1 : 0,
      s.pinMaxFailures, s.pinLockMinutes, s.sharedCounterUser ? 1 : 0, at],
  );
}

/** The settings as terminals mirror them (`counter_settings` change, keyed by merchant). */
export function* counterSettingsRow(merchantId: string): Steps<CounterSettingsRow> {
  return { merchantId, ...(yield* readCounterSettings(merchantId)) };
}
