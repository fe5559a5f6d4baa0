import type { z } from 'zod';
import { MemberEnrolV1, MemberPatchV1 } from '../member/member-intents';
import { SaleCreateV1, SaleRefundV1 } from '../sale/sale-intents';
import { CashMoveV1, ShiftCloseV1, ShiftOpenV1 } from '../shift/shift-intents';
import { VoucherRedeemV1, VoucherReverseV1 } from './voucher-intents';

export * from './voucher-intents';

export const INTENTS = {
  'voucher.redeem@1': VoucherRedeemV1,
  'voucher.reverse@1': VoucherReverseV1,
  'sale.create@1': SaleCreateV1,
  'sale.refund@1': SaleRefundV1,
  'member.enrol@1': MemberEnrolV1,
  'member.patch@1': MemberPatchV1,
  'shift.open@1': ShiftOpenV1,
  'shift.close@1': ShiftCloseV1,
  'cash.move@1': CashMoveV1,
} as const satisfies Record<string, z.ZodType>;

export type IntentName = keyof typeof INTENTS;

export function isKnownIntent(name: string): name is IntentName {
  return Object.hasOwn(INTENTS, name);
}
