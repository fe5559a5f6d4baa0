import { z } from 'zod';

/** The merchant's counter settings, as the owner edits them and terminals receive them by sync. */
export const CounterSettings = z.object({
  /** Discounts (line + order) above this many fen on one bill need a manager PIN. */
  discount: z.object({ managerPinAboveFen: z.number().int().min(0).max(100_000_000) }),
  /** One point per `earnFenPerPoint` paid with money; a point spent is worth `redeemFenPerPoint` (0: not spendable). */
  points: z.object({ earnFenPerPoint: z.number().int().min(0).max(1_000_000), redeemFenPerPoint: z.number().int().min(0).max(1_000_000) }),
  /** Whether refunding a voucher's whole tender (or its item) gives the voucher its use back. */
  restoreVoucherOnRefund: z.boolean(),
  pinMaxFailures: z.number().int().min(1).max(20),
  pinLockMinutes: z.number().int().min(1).max(24 * 60),
  /**
   * Whether redemptions may go without a personal sign-in: the counter then redeems as one shared
   * counter user (named as such on the slip). Off: every redemption names the cashier who signed in.
   */
  sharedCounterUser: z.boolean().default(false),
});
export type CounterSettings = z.infer<typeof CounterSettings>;

/** Used until the merchant saves its own: ￥50 of discount without a PIN, 1 point per yuan, 100 points = ￥1. */
export const DEFAULT_COUNTER_SETTINGS: CounterSettings = {
  discount: { managerPinAboveFen: 5000 },
  points: { earnFenPerPoint: 100, redeemFenPerPoint: 1 },
  restoreVoucherOnRefund: true,
  pinMaxFailures: 5,
  pinLockMinutes: 15,
  sharedCounterUser: false,
};
