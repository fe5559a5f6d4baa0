import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { applyDeliveryCallback } from '../../notifications/outbox/delivery-callbacks';
import { resendVoucherMessage } from '../../notifications/outbox/resend';
import type { TerminalAuthenticator } from '../../security/terminal-authenticator';
import type { SalesDeps } from '../../use-cases/sales/sales-deps';
import { requireTerminal, sessionOf } from '../auth';
import { sendFailure, sendOutcome } from '../send';
import { validate } from '../validate';
import { rawBodyOf, rawBodyParser } from './channel-event-routes';

export const ResendRequest = z.object({ voucherId: z.string().min(1).max(64) });

/** Provider delivery reports, and resending a voucher's code on request (rate limited). */
export function notificationRoutes(router: Router, deps: SalesDeps, authenticator: TerminalAuthenticator, json: RequestHandler): void {
  router.post('/notifications/callbacks/:provider', rawBodyParser, async (req, res) => {
    const outcome = await applyDeliveryCallback(deps, String(req.params['provider']), { rawBody: rawBodyOf(req), headers: req.headers });
    if (!outcome.ok) {
      sendFailure(res, outcome);
      return;
    }
    if (outcome.value.unmatched > 0) deps.logger.info({ unmatched: outcome.value.unmatched }, 'delivery reports for unknown messages');
    res.status(outcome.value.ack.status).json(outcome.value.ack.body);
  });
  router.post('/notifications/resend', requireTerminal(authenticator), json, async (req, res) => {
    const input = validate(ResendRequest, req.body);
    sendOutcome(res, input.ok ? await resendVoucherMessage(deps, sessionOf(res).merchant.id, input.value.voucherId) : input);
  });
}
