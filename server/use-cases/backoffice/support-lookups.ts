import { z } from 'zod';
import { ok } from '../../../core/result';
import { maskCode, parseVoucherCode } from '../../../core/voucher-code';
import { findCampaign } from '../../repositories/backoffice/campaign-rows';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import {
  findLooseVouchersByPhoneTail,
  findOrdersByPhoneTail,
  findOrdersByRef,
  findVoucherByCode,
} from '../../repositories/backoffice/support-queries';
import { auditLookup } from '../../repositories/backoffice/lookup-audit';
import { failure, VOUCHER_NOT_FOUND_MESSAGE, type Outcome } from '../outcome';
import { rateLimited } from '../rate-limited';
import type { BackofficeDeps } from './deps';
import { supportOrders, supportVouchers, type SupportOrder, type SupportVoucher } from './support-views';
import { CAMPAIGN_NOT_FOUND } from './update-campaign';

export const OrderRefParams = z.object({ ref: z.string().trim().min(1).max(128) });
export const CodeLookupRequest = z.strictObject({ code: z.string().min(1).max(64) });
export const PhoneSearchQuery = z.strictObject({
  campaignId: z.uuid('not a campaign id'),
  phoneLast4: z.string().regex(/^\d{4}$/, 'the last 4 digits of the phone'),
});

/**
 * Every support look-up is recorded: who looked for what, and how many answers it got. Look-ups
 * that found nothing are coalesced per user and hour (auditLookup), so junk does not grow the log.
 */
async function audit(deps: BackofficeDeps, session: MerchantSession, action: string, subjectId: string | null, details: Record<string, unknown>, found: boolean) {
  const entry = { merchantId: session.merchant.id, userId: session.user.id, action, subjectId, details, at: deps.now().toISOString() };
  await auditLookup(deps.db, entry, found);
}

/** Orders (and their vouchers, masked) by our order id or the channel's. */
export async function lookupOrder(deps: BackofficeDeps, session: MerchantSession, ref: string): Promise<Outcome<{ orders: SupportOrder[] }>> {
  const orders = await supportOrders(deps, session.merchant.id, await findOrdersByRef(deps.db, session.merchant.id, ref));
  await audit(deps, session, 'support.lookup_order', orders[0]?.orderId ?? null, { found: orders.length }, orders.length > 0);
  if (orders.length === 0) return failure('ORDER_NOT_FOUND', 'no order with this id');
  return ok({ orders });
}

/** A voucher by its code; the answer carries only the masked code. Misses count toward a lockout. */
export async function lookupCode(deps: BackofficeDeps, session: MerchantSession, input: string): Promise<Outcome<{ voucher: SupportVoucher }>> {
  const code = parseVoucherCode(input);
  if (!code.ok) return code;
  const key = `${session.merchant.id}:${session.user.id}`;
  const wait = await deps.codeLookupGuard.waitFor(key);
  if (wait > 0) return rateLimited(wait);
  const row = await findVoucherByCode(deps.db, session.merchant.id, code.value);
  await audit(deps, session, 'support.lookup_code', row?.id ?? null, { code: maskCode(code.value), found: row ? 1 : 0 }, Boolean(row));
  if (!row) {
    await deps.codeLookupGuard.hit(key);
    return failure('VOUCHER_NOT_FOUND', VOUCHER_NOT_FOUND_MESSAGE);
  }
  const [voucher] = await supportVouchers(deps, session.merchant.id, [row]);
  return ok({ voucher: voucher! });
}

/** A buyer's orders and loose vouchers in one campaign, found by the last 4 digits of the phone. */
export async function searchByPhone(
  deps: BackofficeDeps,
  session: MerchantSession,
  query: z.infer<typeof PhoneSearchQuery>,
): Promise<Outcome<{ orders: SupportOrder[]; vouchers: SupportVoucher[] }>> {
  const merchantId = session.merchant.id;
  if (!(await findCampaign(deps.db, merchantId, query.campaignId))) return failure('CAMPAIGN_NOT_FOUND', CAMPAIGN_NOT_FOUND);
  const orders = await supportOrders(deps, merchantId, await findOrdersByPhoneTail(deps.db, merchantId, query.campaignId, query.phoneLast4));
  const vouchers = await supportVouchers(
    deps,
    merchantId,
    await findLooseVouchersByPhoneTail(deps.db, merchantId, query.campaignId, query.phoneLast4),
  );
  await audit(deps, session, 'support.search_phone', query.campaignId, {
    phoneLast4: query.phoneLast4,
    orders: orders.length,
    vouchers: vouchers.length,
  }, orders.length + vouchers.length > 0);
  return ok({ orders, vouchers });
}
