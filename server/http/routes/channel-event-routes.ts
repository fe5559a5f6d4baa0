import express, { type Request, type Router } from 'express';
import { CHANNEL_NAME, ChannelEvent } from '../../use-cases/sales/channel-event';
import { MERCHANT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../use-cases/sales/channel-signature';
import { applyChannelEvent, authenticateChannelDelivery } from '../../use-cases/sales/handle-channel-event';
import type { SalesDeps } from '../../use-cases/sales/sales-deps';
import { failureAnswer, outcomeAnswer, type HttpAnswer } from '../answer';
import { sendAnswer } from '../send';
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
    sendAnswer(res, await channelEventAnswer(deps, String(req.params['channel']), (name) => headerOf(req, name), rawBodyOf(req)));
  });
}

/** The answer to a channel's delivery, from its raw body (also served by the hot routes). */
export async function channelEventAnswer(
  deps: SalesDeps,
  channel: string,
  header: (name: string) => string | undefined,
  body: string,
): Promise<HttpAnswer> {
  if (!CHANNEL_NAME.test(channel)) return failureAnswer({ code: 'NOT_FOUND', message: 'unknown channel' });
  const sender = await authenticateChannelDelivery(deps, {
    channel,
    merchantId: header(MERCHANT_HEADER),
    timestamp: header(TIMESTAMP_HEADER),
    signature: header(SIGNATURE_HEADER),
    rawBody: body,
  });
  if (!sender.ok) return failureAnswer(sender);
  const json = parseJson(body);
  if (!json) return failureAnswer({ code: 'MALFORMED_JSON', message: 'the request body is not valid JSON' });
  const event = validate(ChannelEvent, json.value);
  if (!event.ok) return failureAnswer(event);
  return outcomeAnswer(await applyChannelEvent(deps, { merchantId: sender.value.merchantId, channel, rawBody: body }, event.value));
}
