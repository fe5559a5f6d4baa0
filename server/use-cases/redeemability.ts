import { evaluateValidity } from '../../core/campaign-rules';
import type { VoucherAtStore } from '../repositories/voucher-repository';
import { failure, type AppFailure } from './outcome';

/**
 * Why `count` uses of this voucher cannot be redeemed at this store at `nowIso`, or null when they can.
 * The same conditions as the redeem statement's WHERE clause, in the order a cashier needs them.
 */
export function whyNotRedeemable(voucher: VoucherAtStore, nowIso: string, count: number): AppFailure | null {
  const remaining = voucher.uses - voucher.redeemed;
  if (voucher.status === 'void') return failure('VOUCHER_NOT_ACTIVE', 'this voucher has been voided');
  if (voucher.status === 'exhausted' || remaining <= 0) {
    return failure('VOUCHER_EXHAUSTED', 'this voucher has been fully used', { remaining: 0 });
  }
  if (remaining < count) {
    return failure('VOUCHER_EXHAUSTED', `only ${remaining} of ${voucher.uses} uses are left`, { remaining });
  }
  if (!voucher.allowedAtStore) return failure('NOT_VALID_AT_STORE', 'this voucher cannot be redeemed at this store');
  if (nowIso < voucher.validFrom) {
    return failure('VOUCHER_NOT_YET_VALID', `this voucher is valid from ${voucher.validFrom}`, {
      validFrom: voucher.validFrom,
    });
  }
  if (nowIso >= voucher.validUntil) {
    return failure('VOUCHER_EXPIRED', `this voucher expired at ${voucher.validUntil}`, {
      validUntil: voucher.validUntil,
    });
  }
  const rules = evaluateValidity(voucher.validityRules, new Date(nowIso), voucher.timeZone);
  if (!rules.ok) return failure(rules.code, rules.message);
  if (voucher.leasedElsewhereUntil !== null && nowIso < voucher.leasedElsewhereUntil) {
    return failure('LEASE_HELD_ELSEWHERE', 'another store holds this voucher for offline redemption', {
      leasedUntil: voucher.leasedElsewhereUntil,
    });
  }
  return null;
}
