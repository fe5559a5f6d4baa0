import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database';
import { createCampaign } from '../repositories/merchant-setup';
import { newId } from '../security/ids';

/** The demo's selling side: a flash sale on now, and a channel that can sign paid/refunded webhooks. */
export const DEMO_CHANNEL = 'douyin';
export const DEMO_FLASH_SALE = { title: '微美食 招牌烤鸭 秒杀券', priceFen: 4900, faceValueFen: 12800, stock: 500, perBuyerLimit: 2 };

const DAY = 86_400_000;

export interface DemoSales {
  channel: { name: string; secret: string };
  flashSale: { campaignId: string; title: string; priceFen: number; stock: number; perBuyerLimit: number };
}

export async function seedDemoSales(db: Db, merchantId: string, storeIds: readonly string[], now: Date): Promise<void> {
  const campaign = await createCampaign(db, merchantId, {
    kind: 'product',
    title: DEMO_FLASH_SALE.title,
    priceFen: DEMO_FLASH_SALE.priceFen,
    faceValueFen: DEMO_FLASH_SALE.faceValueFen,
    usesPerVoucher: 1,
    validFrom: new Date(now.getTime() - DAY),
    validUntil: new Date(now.getTime() + 60 * DAY),
    storeIds,
  });
  await db.kysely
    .updateTable('campaigns')
    .set({
      total_stock: DEMO_FLASH_SALE.stock,
      per_buyer_limit: DEMO_FLASH_SALE.perBuyerLimit,
      sale_starts_at: new Date(now.getTime() - 3_600_000).toISOString(),
      sale_ends_at: new Date(now.getTime() + 30 * DAY).toISOString(),
      status: 'published',
      updated_at: now.toISOString(),
    })
    .where('merchant_id', '=', merchantId)
    .where('id', '=', campaign.id)
    .execute();
  await db.kysely
    .insertInto('channel_secrets')
    .values({
      merchant_id: merchantId,
      channel: DEMO_CHANNEL,
      id: newId(),
      secret: randomBytes(24).toString('base64url'),
      status: 'active',
      created_at: now.toISOString(),
      retired_at: null,
    })
    .execute();
}

/** What the demo prints and writes to demo.json; undefined when the database predates it. */
export async function demoSales(db: Db, merchantId: string): Promise<DemoSales | undefined> {
  const secret = await db.kysely
    .selectFrom('channel_secrets')
    .select('secret')
    .where('merchant_id', '=', merchantId)
    .where('channel', '=', DEMO_CHANNEL)
    .where('status', '=', 'active')
    .where('sealed', '=', 0)
    .executeTakeFirst();
  const campaign = await db.kysely
    .selectFrom('campaigns')
    .select(['id', 'title', 'price_fen', 'total_stock', 'per_buyer_limit'])
    .where('merchant_id', '=', merchantId)
    .where('title', '=', DEMO_FLASH_SALE.title)
    .executeTakeFirst();
  if (!secret || !campaign) return undefined;
  return {
    channel: { name: DEMO_CHANNEL, secret: secret.secret },
    flashSale: {
      campaignId: campaign.id,
      title: campaign.title,
      priceFen: campaign.price_fen,
      stock: campaign.total_stock ?? 0,
      perBuyerLimit: campaign.per_buyer_limit ?? 0,
    },
  };
}
