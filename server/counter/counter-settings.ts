import type { DiscountPolicy } from '../../core/sale/discount-approval';
import type { PointsRule } from '../../core/sale/points-rule';
import { first, num, q, type Steps } from '../sync/sql/steps';

export interface CounterSettings {
  discount: DiscountPolicy;
  points: PointsRule;
  /** Whether refunding a voucher's whole tender (or its item) gives the voucher its use back. */
  restoreVoucherOnRefund: boolean;
  pinMaxFailures: number;
  pinLockMinutes: number;
}

/** Used until the merchant saves its own: ￥50 of discount without a PIN, 1 point per yuan, 100 points = ￥1. */
export const DEFAULT_COUNTER_SETTINGS: CounterSettings = {
  discount: { managerPinAboveFen: 5000 },
  points: { earnFenPerPoint: 100, redeemFenPerPoint: 1 },
  restoreVoucherOnRefund: true,
  pinMaxFailures: 5,
  pinLockMinutes: 15,
};

export function* readCounterSettings(merchantId: string): Steps<CounterSettings> {
  const row = yield* first(`SELECT * FROM counter_settings WHERE merchant_id = ?`, [merchantId]);
  if (!row) return DEFAULT_COUNTER_SETTINGS;
  return {
    discount: { managerPinAboveFen: num(row, 'discount_pin_above_fen') },
    points: { earnFenPerPoint: num(row, 'earn_fen_per_point'), redeemFenPerPoint: num(row, 'redeem_fen_per_point') },
    restoreVoucherOnRefund: num(row, 'restore_voucher_on_refund') === 1,
    pinMaxFailures: num(row, 'pin_max_failures'),
    pinLockMinutes: num(row, 'pin_lock_minutes'),
  };
}

/** Saves the merchant's counter settings (owner only, at the route). */
export function* saveCounterSettings(merchantId: string, s: CounterSettings, at: string): Steps<void> {
  yield q(
    `INSERT INTO counter_settings (merchant_id, discount_pin_above_fen, earn_fen_per_point, redeem_fen_per_point, restore_voucher_on_refund,
       pin_max_failures, pin_lock_minutes, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (merchant_id) DO UPDATE SET discount_pin_above_fen = excluded.discount_pin_above_fen, earn_fen_per_point = excluded.earn_fen_per_point,
       redeem_fen_per_point = excluded.redeem_fen_per_point, restore_voucher_on_refund = excluded.restore_voucher_on_refund,
       pin_max_failures = excluded.pin_max_failures, pin_lock_minutes = excluded.pin_lock_minutes, updated_at = excluded.updated_at`,
    [merchantId, s.discount.managerPinAboveFen, s.points.earnFenPerPoint, s.points.redeemFenPerPoint, s.restoreVoucherOnRefund ? 1 : 0,
      s.pinMaxFailures, s.pinLockMinutes, at],
  );
}
