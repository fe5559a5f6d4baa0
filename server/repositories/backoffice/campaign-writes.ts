import type { CompiledQuery } from 'kysely';
import type { Db } from '../../db/database';
import type { CampaignStatus } from '../../db/schema';

/** The stored columns of a campaign's settings, with both windows already resolved to instants. */
export interface CampaignColumns {
  kind: 'product' | 'cash';
  title: string;
  priceFen: number;
  faceValueFen: number;
  minSpendFen: number | null;
  usesPerVoucher: number;
  totalStock: number | null;
  perBuyerLimit: number | null;
  saleStartsAt: string | null;
  saleEndsAt: string | null;
  validityRulesJson: string;
  validFrom: string;
  validUntil: string;
  groupPriceTiersJson: string | null;
  paymentWindowSeconds: number;
}

function columns(c: CampaignColumns) {
  return {
    kind: c.kind,
    title: c.title,
    price_fen: c.priceFen,
    face_value_fen: c.faceValueFen,
    min_spend_fen: c.minSpendFen,
    uses_per_voucher: c.usesPerVoucher,
    total_stock: c.totalStock,
    per_buyer_limit: c.perBuyerLimit,
    sale_starts_at: c.saleStartsAt,
    sale_ends_at: c.saleEndsAt,
    validity_rules: c.validityRulesJson,
    valid_from: c.validFrom,
    valid_until: c.validUntil,
    group_price_tiers: c.groupPriceTiersJson,
    payment_window_seconds: c.paymentWindowSeconds,
  };
}

export function insertCampaign(db: Db, merchantId: string, id: string, c: CampaignColumns, at: string): CompiledQuery {
  return db.kysely
    .insertInto('campaigns')
    .values({ merchant_id: merchantId, id, ...columns(c), status: 'draft', created_at: at, updated_at: at })
    .compile();
}

/** Never lowers the stock below what is sold, even if a sale slipped in: then nothing changes. */
export function updateCampaign(db: Db, merchantId: string, id: string, c: CampaignColumns, at: string): CompiledQuery {
  let query = db.kysely
    .updateTable('campaigns')
    .set({ ...columns(c), updated_at: at })
    .where('merchant_id', '=', merchantId)
    .where('id', '=', id)
    .where('status', '<>', 'ended');
  if (c.totalStock !== null) query = query.where('sold_count', '<=', c.totalStock);
  return query.compile();
}

export function setCampaignStatus(
  db: Db,
  merchantId: string,
  id: string,
  to: CampaignStatus,
  from: readonly CampaignStatus[],
  at: string,
): CompiledQuery {
  return db.kysely
    .updateTable('campaigns')
    .set({ status: to, updated_at: at })
    .where('merchant_id', '=', merchantId)
    .where('id', '=', id)
    .where('status', 'in', from)
    .compile();
}

export function addCampaignStores(db: Db, merchantId: string, campaignId: string, storeIds: readonly string[]): CompiledQuery[] {
  if (storeIds.length === 0) return [];
  return [
    db.kysely
      .insertInto('campaign_stores')
      .values(storeIds.map((storeId) => ({ merchant_id: merchantId, campaign_id: campaignId, store_id: storeId })))
      .onConflict((oc) => oc.columns(['merchant_id', 'campaign_id', 'store_id']).doNothing())
      .compile(),
  ];
}

export function removeCampaignStores(db: Db, merchantId: string, campaignId: string, storeIds: readonly string[]): CompiledQuery[] {
  if (storeIds.length === 0) return [];
  return [
    db.kysely
      .deleteFrom('campaign_stores')
      .where('merchant_id', '=', merchantId)
      .where('campaign_id', '=', campaignId)
      .where('store_id', 'in', storeIds)
      .compile(),
  ];
}
