import express, { type Request, type Router } from 'express';
import { CHANNEL_NAME, ChannelEvent } from '../../use-cases/sales/channel-event';
import { MERCHANT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../use-cases/sales/channel-signature';
import { applyChannelEvent, authenticateChannelDelivery } from '../../use-cases/sales/handle-channel-event';
import type { SalesDeps } from '../../use-cases/sales/sales-deps';
import { sendError, sendFailure, sendOutcome } from '../send';
import { validate } from '../validate';

/** The body exactly as sent: signatures are computed over these bytes, not over re-serialised JSON. */
export const rawBodyParser = express.text({ type: () => true, limit: '64kb' });

export function rawBodyOf(req: Request): string {
  return typeof req.body === 'string' ? req.body : '';
}

/** The parsed body, or undefined when it is not JSON. */
function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

export function headerOf(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Signed webhooks from online channels: `order.paid` and `order.refunded`. */
export function channelEventRoutes(router: Router, deps: SalesDeps): void {
  router.post('/channels/:channel/events', rawBodyParser, async (req, res) => {
    const channel = String(req.params['channel']);
    if (!CHANNEL_NAME.test(channel)) {
      sendError(res, 'NOT_FOUND', 'unknown channel');
      return;
    }
    const body = rawBodyOf(req);
    const sender = await authenticateChannelDelivery(deps, {
      channel,
      merchantId: headerOf(req, MERCHANT_HEADER),
      timestamp: headerOf(req, TIMESTAMP_HEADER),
      signature: headerOf(req, SIGNATURE_HEADER),
      rawBody: body,
    });
    if (!sender.ok) {
      sendFailure(res, sender);
      return;
    }
    const json = parseJson(body);
    if (!json) {
      sendError(res, 'MALFORMED_JSON', 'the request body is not valid JSON');
      return;
    }
    const event = validate(ChannelEvent, json.value);
    if (!event.ok) {
      sendFailure(res, event);
      return;
    }
    const outcome = await applyChannelEvent(deps, { merchantId: sender.value.merchantId, channel, rawBody: body }, event.value);
    sendOutcome(res, outcome);
  });
}
