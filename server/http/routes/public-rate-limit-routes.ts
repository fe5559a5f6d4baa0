import type { RequestHandler, Router } from 'express';
import { limitByAddress, rateLimitAnswer, type PublicLimits } from '../public-rate-limits';
import { sendAnswer } from '../send';

/**
 * Every route anyone may call without credentials, limited by client address before its own
 * handler runs (registered first on the same paths; `next()` hands on to the route). The flash
 * sale's order and the channel webhook are also served by the hot routes, which check the same.
 */
export function publicRateLimitRoutes(router: Router, limits: PublicLimits, json: RequestHandler): void {
  router.post('/merchant/login', limitByAddress(limits, 'login'));
  router.post('/terminals/pair', limitByAddress(limits, 'pairing'));
  router.post('/flash-sales/:campaignId/orders', limitByAddress(limits, 'flashSaleOrder'), json, async (req, res, next) => {
    const wait = await takeByBuyer(limits, req.body);
    if (wait > 0) sendAnswer(res, rateLimitAnswer(wait));
    else next();
  });
  router.post('/channels/:channel/events', limitByAddress(limits, 'channelEvent'));
  router.post('/notifications/callbacks/:provider', limitByAddress(limits, 'notificationCallback'));
  router.get('/merchant/live/events', limitByAddress(limits, 'liveEvents'));
  router.get('/health', limitByAddress(limits, 'health'));
}

/** Orders per buyer phone (the body's `phone`, as given): 0 when the order may go on. */
export async function takeByBuyer(limits: PublicLimits, body: unknown): Promise<number> {
  const phone = typeof body === 'object' && body !== null ? (body as { phone?: unknown }).phone : undefined;
  if (typeof phone !== 'string' || phone.length > 32) return 0;
  return limits.limiter.take('flashSaleBuyer', limits.rules.flashSaleBuyer, phone.replace(/[^0-9+]/g, ''));
}
