import type { Db } from '../../../server/db/database';
import { createCampaign, createMerchant, createStore } from '../../../server/repositories/merchant-setup';

const DAY = 86_400_000;

/** A merchant with one store and a one-use voucher campaign on sale now (the bench's and fault tests' flash sale). */
export async function openFlashSale(db: Db, options: { name: string; stock: number; perBuyerLimit?: number }) {
  const merchant = await createMerchant(db, { name: options.name });
  const store = await createStore(db, merchant.id, `${options.name} store`);
  const now = Date.now();
  const campaign = await createCampaign(db, merchant.id, {
    kind: 'product',
    title: `${options.name} 秒杀券`,
    priceFen: 990,
    faceValueFen: 2000,
    usesPerVoucher: 1,
    validFrom: new Date(now - DAY),
    validUntil: new Date(now + 30 * DAY),
    storeIds: [store.id],
  });
  await db.kysely
    .updateTable('campaigns')
    .set({
      total_stock: options.stock,
      per_buyer_limit: options.perBuyerLimit ?? null,
      sale_starts_at: new Date(now - 60_000).toISOString(),
      sale_ends_at: new Date(now + DAY).toISOString(),
      status: 'published',
    })
    .where('id', '=', campaign.id)
    .execute();
  return { merchant, store, campaign };
}
