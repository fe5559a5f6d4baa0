import type { DiscountPolicy } from '../../core/sale/discount-approval';
import type { PointsRule } from '../../core/sale/points-rule';
import { first, num, type Steps } from '../sync/sql/steps';

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
