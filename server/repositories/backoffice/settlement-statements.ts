import { sql, type CompiledQuery } from 'kysely';
import { instantValue } from '../../db/atomic';
import type { Db } from '../../db/database';

export interface SettlementRow {
  listPriceFen: number;
  buyerCount: number;
  tierMinBuyers: number | null;
  finalPriceFen: number;
  refundCount: number;
  totalRefundFen: number;
  settledAt: string;
  settledBy: string;
}

export function selectSettlement(db: Db, merchantId: string, campaignId: string): CompiledQuery {
  return db.kysely
    .selectFrom('group_price_settlements')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('campaign_id', '=', campaignId)
    .compile();
}

export function toSettlementRow(row: Record<string, unknown>): SettlementRow {
  return {
    listPriceFen: Number(row['list_price_fen']),
    buyerCount: Number(row['buyer_count']),
    tierMinBuyers: row['tier_min_buyers'] === null ? null : Number(row['tier_min_buyers']),
    finalPriceFen: Number(row['final_price_fen']),
    refundCount: Number(row['refund_count']),
    totalRefundFen: Number(row['total_refund_fen']),
    settledAt: String(row['settled_at']),
    settledBy: String(row['settled_by']),
  };
}

/** Reservations that may still be paid: settling before they lapse would miss buyers. */
export function selectOpenReservations(db: Db, merchantId: string, campaignId: string, nowIso: string): CompiledQuery {
  return db.kysely
    .selectFrom('orders')
    .select(sql<number>`count(*)`.as('open'))
    .where('merchant_id', '=', merchantId)
    .where('campaign_id', '=', campaignId)
    .where('state', '=', 'reserved')
    .where('expires_at', '>', nowIso)
    .compile();
}

/** Distinct phones holding a paid, unrefunded unit. */
export function selectPayingBuyers(db: Db, merchantId: string, campaignId: string): CompiledQuery {
  return db.kysely
    .selectFrom('orders')
    .select(sql<number>`count(distinct buyer_phone)`.as('buyers'))
    .where('merchant_id', '=', merchantId)
    .where('campaign_id', '=', campaignId)
    .where('paid_at', 'is not', null)
    .whereRef('quantity', '>', 'refunded_quantity')
    .compile();
}

/**
 * One refund row per paid order that paid more than the final price: the difference on each unit
 * still held. Orders themselves are not touched; a row already there is kept as it is.
 */
export function insertRefunds(db: Db, merchantId: string, campaignId: string, finalPriceFen: number, at: string): CompiledQuery {
  const final = sql<number>`cast(${finalPriceFen} as integer)`;
  return db.kysely
    .insertInto('group_price_refunds')
    .columns([
      'merchant_id',
      'campaign_id',
      'order_id',
      'buyer_phone',
      'units',
      'paid_unit_price_fen',
      'final_unit_price_fen',
      'refund_fen',
      'created_at',
    ])
    .expression((eb) =>
      eb
        .selectFrom('orders')
        .select([
          'merchant_id',
          'campaign_id',
          'id',
          'buyer_phone',
          sql<number>`quantity - refunded_quantity`.as('units'),
          'unit_price_fen',
          final.as('final_unit_price_fen'),
          sql<number>`cast(quantity - refunded_quantity as bigint) * (unit_price_fen - ${final})`.as('refund_fen'),
          instantValue(db, at).as('created_at'),
        ])
        .where('merchant_id', '=', merchantId)
        .where('campaign_id', '=', campaignId)
        .where('paid_at', 'is not', null)
        .whereRef('quantity', '>', 'refunded_quantity')
        .where('unit_price_fen', '>', final),
    )
    .onConflict((oc) => oc.columns(['merchant_id', 'campaign_id', 'order_id']).doNothing())
    .compile();
}

export function selectRefundTotals(db: Db, merchantId: string, campaignId: string): CompiledQuery {
  return db.kysely
    .selectFrom('group_price_refunds')
    .select([sql<number>`count(*)`.as('refunds'), sql<number>`coalesce(sum(refund_fen), 0)`.as('total')])
    .where('merchant_id', '=', merchantId)
    .where('campaign_id', '=', campaignId)
    .compile();
}

export function insertSettlement(db: Db, merchantId: string, campaignId: string, s: SettlementRow): CompiledQuery {
  return db.kysely
    .insertInto('group_price_settlements')
    .values({
      merchant_id: merchantId,
      campaign_id: campaignId,
      list_price_fen: s.listPriceFen,
      buyer_count: s.buyerCount,
      tier_min_buyers: s.tierMinBuyers,
      final_price_fen: s.finalPriceFen,
      refund_count: s.refundCount,
      total_refund_fen: s.totalRefundFen,
      settled_at: s.settledAt,
      settled_by: s.settledBy,
    })
    .compile();
}

export async function listRefunds(db: Db, merchantId: string, campaignId: string) {
  return db.kysely
    .selectFrom('group_price_refunds')
    .select(['order_id', 'buyer_phone', 'units', 'paid_unit_price_fen', 'final_unit_price_fen', 'refund_fen', 'created_at'])
    .where('merchant_id', '=', merchantId)
    .where('campaign_id', '=', campaignId)
    .orderBy('order_id')
    .execute();
}
