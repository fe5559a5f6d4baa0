import { z } from 'zod';
import { ok } from '../../../core/result';
import { normalizePhone } from '../../notifications/recipient';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { findLooseVouchersByPhone, findOrdersByPhone, phoneForms } from '../../repositories/backoffice/support-history-queries';
import { auditLookup } from '../../repositories/backoffice/lookup-audit';
import { failure, type Outcome } from '../outcome';
import type { BackofficeDeps } from './deps';
import { supportOrders, supportVouchers, type SupportOrder, type SupportVoucher } from './support-views';

/** Sent in a body, like a code, so the phone stays out of URLs and access logs. */
export const PhoneLookupRequest = z.strictObject({ phone: z.string().trim().min(1).max(32) });

/** A buyer's orders (with their vouchers) and other vouchers in every campaign, by the whole phone number. */
export async function lookupPhone(deps: BackofficeDeps, session: MerchantSession, input: string): Promise<Outcome<{ orders: SupportOrder[]; vouchers: SupportVoucher[] }>> {
  const phone = normalizePhone(input);
  if (!phone) return failure('PHONE_INVALID', 'not a phone number', { fields: [{ field: 'phone', message: 'not a phone number' }] });
  const merchantId = session.merchant.id;
  const forms = phoneForms(phone);
  const orders = await supportOrders(deps, merchantId, await findOrdersByPhone(deps.db, merchantId, forms));
  const vouchers = await supportVouchers(deps, merchantId, await findLooseVouchersByPhone(deps.db, merchantId, forms));
  await auditLookup(
    deps.db,
    {
      merchantId,
      userId: session.user.id,
      action: 'support.lookup_phone',
      subjectId: null,
      details: { phoneLast4: phone.slice(-4), orders: orders.length, vouchers: vouchers.length },
      at: deps.now().toISOString(),
    },
    orders.length + vouchers.length > 0,
  );
  return ok({ orders, vouchers });
}
