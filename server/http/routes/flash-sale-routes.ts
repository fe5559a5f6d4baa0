import type { RequestHandler, Router } from 'express';
import { FlashSaleOrderRequest, placeFlashSaleOrder } from '../../use-cases/sales/place-flash-sale-order';
import type { SalesDeps } from '../../use-cases/sales/sales-deps';
import { sendFailure } from '../send';
import { validate } from '../validate';

/** Public, buyer-facing: reserve units of a campaign on sale. */
export function flashSaleRoutes(router: Router, deps: SalesDeps, json: RequestHandler): void {
  router.post('/flash-sales/:campaignId/orders', json, async (req, res) => {
    const input = validate(FlashSaleOrderRequest, req.body);
    const outcome = input.ok ? await placeFlashSaleOrder(deps, String(req.params['campaignId']), input.value) : input;
    if (outcome.ok) res.status(201).json(outcome.value);
    else sendFailure(res, outcome);
  });
}
