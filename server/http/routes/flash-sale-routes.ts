import { performance } from 'node:perf_hooks';
import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { FlashSaleOrderRequest, placeFlashSaleOrder } from '../../use-cases/sales/place-flash-sale-order';
import type { SalesDeps } from '../../use-cases/sales/sales-deps';
import { failureAnswer, outcomeAnswer, type HttpAnswer } from '../answer';
import { sendAnswer } from '../send';
import { validate } from '../validate';

/** The ids the hot route takes; anything else (a NUL, a slash, 5,000 characters) names no campaign. */
export const FlashSaleParams = z.object({ campaignId: z.string().regex(/^[A-Za-z0-9._~-]{1,200}$/) });

/** Public, buyer-facing: reserve units of a campaign on sale. */
export function flashSaleRoutes(router: Router, deps: SalesDeps, json: RequestHandler): void {
  router.post('/flash-sales/:campaignId/orders', json, async (req, res) => {
    sendAnswer(res, await flashSaleOrderAnswer(deps, String(req.params['campaignId']), req.body));
  });
}

/** The answer to a reservation, from its parsed JSON body (also served by the hot routes). */
export async function flashSaleOrderAnswer(deps: SalesDeps, campaignId: string, body: unknown): Promise<HttpAnswer> {
  if (!FlashSaleParams.safeParse({ campaignId }).success) return failureAnswer({ code: 'CAMPAIGN_NOT_FOUND', message: 'no such campaign' });
  const started = performance.now();
  const input = validate(FlashSaleOrderRequest, body);
  const outcome = input.ok ? await placeFlashSaleOrder(deps, campaignId, input.value) : input;
  const answer = outcomeAnswer(outcome, 201);
  deps.metrics?.flashSaleOrder(answer, started);
  return answer;
}
