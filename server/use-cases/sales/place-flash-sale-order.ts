import { z } from 'zod';
import { ok } from '../../../core/result';
import { normalizePhone } from '../../notifications/recipient';
import { newId } from '../../security/ids';
import { failure, type Outcome } from '../outcome';
import { CHANNEL_NAME, handleKeyOf } from './channel-event';
import type { SalesDeps } from './sales-deps';

export const FlashSaleOrderRequest = z.object({
  phone: z.string().min(5).max(32),
  handle: z.string().min(1).max(128).optional(),
  quantity: z.int().min(1).max(99),
  /** Where the buyer came from (`douyin`, `wechat` …); `flash_sale` when absent. */
  channel: z.string().regex(CHANNEL_NAME, 'a channel is 2–32 characters of [a-z0-9_-], starting with a letter').optional(),
});
export type FlashSaleOrderRequest = z.infer<typeof FlashSaleOrderRequest>;

export interface FlashSaleOrder {
  orderId: string;
  campaignId: string;
  state: 'reserved';
  quantity: number;
  unitPriceFen: number;
  totalFen: number;
  /** Pay before this instant, or the units go back on sale. */
  expiresAt: string;
}

export const OWN_CHANNEL = 'flash_sale';

/** Reserves units for a buyer: stock, the per-buyer limit (phone and handle) and the sale window at once. */
export async function placeFlashSaleOrder(
  deps: SalesDeps,
  campaignId: string,
  input: FlashSaleOrderRequest,
): Promise<Outcome<FlashSaleOrder>> {
  const phone = normalizePhone(input.phone);
  if (!phone) return failure('VALIDATION_FAILED', 'phone: not a phone number');
  const merchantId = await deps.campaigns.merchantOf(campaignId);
  if (!merchantId) return failure('CAMPAIGN_NOT_FOUND', 'no such campaign');
  const channel = input.channel ?? OWN_CHANNEL;
  const orderId = newId();
  const outcome = await deps.reservations.reserve(merchantId, campaignId, {
    orderId,
    channel,
    phone,
    handleKey: handleKeyOf(channel, input.handle),
    quantity: input.quantity,
  });
  if (!outcome.ok) return outcome;
  const { quantity, unitPriceFen, expiresAt } = outcome.value;
  return ok({ orderId, campaignId, state: 'reserved', quantity, unitPriceFen, totalFen: quantity * unitPriceFen, expiresAt });
}
