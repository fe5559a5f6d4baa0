import type { Fen } from '../money';

/** The merchant's rule: discounts (line + order) above this many fen on one bill need a manager PIN. */
export interface DiscountPolicy {
  managerPinAboveFen: Fen;
}

export function discountNeedsManager(totalDiscountFen: Fen, policy: DiscountPolicy): boolean {
  return totalDiscountFen > policy.managerPinAboveFen;
}
