import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { parseInput } from '../../use-cases/backoffice/field-errors';
import { resendTarget, ResendTargetRequest } from '../../use-cases/backoffice/resend-target';
import { CodeLookupRequest, lookupCode, lookupOrder, OrderRefParams, PhoneSearchQuery, searchByPhone } from '../../use-cases/backoffice/support-lookups';
import { NotificationParams, notificationState, voucherHistory } from '../../use-cases/backoffice/support-history';
import { lookupPhone, PhoneLookupRequest } from '../../use-cases/backoffice/support-phone';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendOutcome } from '../send';

export const VoucherParams = z.object({ id: z.uuid('not a voucher id') });

/**
 * Customer-support look-ups, masked and audited. A code is sent in a POST body so it stays out of
 * URLs and access logs. Only an owner can see a full code, and only by asking for a resend target.
 */
export function supportRoutes(router: Router, deps: BackofficeDeps, json: RequestHandler): void {
  const staff = requireMerchantUser(deps, MERCHANT_ROLES.support);
  // The answer holds the full voucher code: owners only.
  const owner = requireMerchantUser(deps, MERCHANT_ROLES.setup);

  router.get('/merchant/support/orders/:ref', staff, async (req, res) => {
    const params = parseInput(OrderRefParams, req.params);
    sendOutcome(res, params.ok ? await lookupOrder(deps, merchantSessionOf(res), params.value.ref) : params);
  });
  router.post('/merchant/support/voucher-lookup', staff, json, async (req, res) => {
    const input = parseInput(CodeLookupRequest, req.body);
    sendOutcome(res, input.ok ? await lookupCode(deps, merchantSessionOf(res), input.value.code) : input);
  });
  router.get('/merchant/support/search', staff, async (req, res) => {
    const query = parseInput(PhoneSearchQuery, req.query);
    sendOutcome(res, query.ok ? await searchByPhone(deps, merchantSessionOf(res), query.value) : query);
  });
  router.post('/merchant/support/phone-lookup', staff, json, async (req, res) => {
    const input = parseInput(PhoneLookupRequest, req.body);
    sendOutcome(res, input.ok ? await lookupPhone(deps, merchantSessionOf(res), input.value.phone) : input);
  });
  router.get('/merchant/support/vouchers/:id/history', staff, async (req, res) => {
    const params = parseInput(VoucherParams, req.params);
    sendOutcome(res, params.ok ? await voucherHistory(deps, merchantSessionOf(res), params.value.id) : params);
  });
  router.get('/merchant/support/notifications/:id', staff, async (req, res) => {
    const params = parseInput(NotificationParams, req.params);
    sendOutcome(res, params.ok ? await notificationState(deps, merchantSessionOf(res), params.value.id) : params);
  });
  router.post('/merchant/support/vouchers/:id/resend-target', owner, json, async (req, res) => {
    const params = parseInput(VoucherParams, req.params);
    const input = parseInput(ResendTargetRequest, req.body);
    if (!params.ok || !input.ok) return sendOutcome(res, !params.ok ? params : input);
    sendOutcome(res, await resendTarget(deps, merchantSessionOf(res), params.value.id, input.value));
  });
}
