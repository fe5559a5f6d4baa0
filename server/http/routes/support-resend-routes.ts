import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { parseInput } from '../../use-cases/backoffice/field-errors';
import { supportResend } from '../../use-cases/backoffice/support-resend';
import type { SalesDeps } from '../../use-cases/sales/sales-deps';
import { MERCHANT_ROLES } from '../merchant-roles';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { sendOutcome } from '../send';

export const VoucherParams = z.object({ id: z.uuid('not a voucher id') });
/** Without a channel the code goes the way it was first sent. */
export const ResendRequest = z.strictObject({ channel: z.enum(['sms', 'dm']).optional() });

/** `POST /merchant/support/vouchers/:id/resend`: support queues a voucher's code again through the notification outbox. */
export function supportResendRoutes(router: Router, backoffice: BackofficeDeps, sales: SalesDeps, json: RequestHandler): void {
  router.post('/merchant/support/vouchers/:id/resend', requireMerchantUser(backoffice, MERCHANT_ROLES.support), json, async (req, res) => {
    const params = parseInput(VoucherParams, req.params);
    const body = parseInput(ResendRequest, req.body ?? {});
    if (!params.ok || !body.ok) return sendOutcome(res, !params.ok ? params : body);
    sendOutcome(res, await supportResend(sales, merchantSessionOf(res), params.value.id, body.value.channel));
  });
}
