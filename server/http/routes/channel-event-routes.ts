import express, { type Request, type Router } from 'express';
import { CHANNEL_NAME } from '../../use-cases/sales/channel-event';
import { MERCHANT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../use-cases/sales/channel-signature';
import { handleChannelEvent } from '../../use-cases/sales/handle-channel-event';
import type { SalesDeps } from '../../use-cases/sales/sales-deps';
import { sendError, sendOutcome } from '../send';

/** The body exactly as sent: signatures are computed over these bytes, not over re-serialised JSON. */
export const rawBody = express.text({ type: () => true, limit: '64kb' });

export function rawBodyOf(req: Request): string {
  return typeof req.body === 'string' ? req.body : '';
}

export function headerOf(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Signed webhooks from online channels: `order.paid` and `order.refunded`. */
export function channelEventRoutes(router: Router, deps: SalesDeps): void {
  router.post('/channels/:channel/events', rawBody, async (req, res) => {
    const channel = String(req.params['channel']);
    if (!CHANNEL_NAME.test(channel)) {
      sendError(res, 'NOT_FOUND', 'unknown channel');
      return;
    }
    const outcome = await handleChannelEvent(deps, {
      channel,
      merchantId: headerOf(req, MERCHANT_HEADER),
      timestamp: headerOf(req, TIMESTAMP_HEADER),
      signature: headerOf(req, SIGNATURE_HEADER),
      rawBody: rawBodyOf(req),
    });
    sendOutcome(res, outcome);
  });
}
