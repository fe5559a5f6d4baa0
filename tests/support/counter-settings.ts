import type { CounterSettings } from '../../core/sale/counter-settings';

/** The owner's settings the points tests use: a PIN above ￥10 of discount, 2 points per yuan paid, a point spent worth 10 fen. */
export const OWNER_COUNTER_SETTINGS: CounterSettings = {
  discount: { managerPinAboveFen: 1000 },
  points: { earnFenPerPoint: 50, redeemFenPerPoint: 10 },
  restoreVoucherOnRefund: true,
  pinMaxFailures: 5,
  pinLockMinutes: 15,
  sharedCounterUser: false,
};
