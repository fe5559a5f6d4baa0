import { sql } from 'kysely';
import type { Db } from '../../db/database';

/** Sums come back as numbers, bigint strings (PostgreSQL numeric) or null over no rows. */
function n(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

const PAID = sql<boolean>`paid_at is not null`;

export interface OrderFigures {
  paidOrders: number;
  paidUnits: number;
  refundedUnits: number;
  reservedUnits: number;
  /** Distinct phones still holding a paid, unrefunded unit. */
  buyers: number;
  paidFen: number;
  refundedFen: number;
}

/** Every order figure of a campaign in one aggregate query. */
export async function orderFigures(db: Db, merchantId: string, campaignId: string): Promise<OrderFigures> {
  const row = await db.kysely
    .selectFrom('orders')
    .select([
      sql<number>`sum(case when ${PAID} then 1 else 0 end)`.as('paid_orders'),
      sql<number>`sum(case when ${PAID} then quantity else 0 end)`.as('paid_units'),
      sql<number>`sum(case when ${PAID} then refunded_quantity else 0 end)`.as('refunded_units'),
      sql<number>`sum(case when state = 'reserved' then quantity else 0 end)`.as('reserved_units'),
      sql<number>`count(distinct case when ${PAID} and quantity > refunded_quantity then buyer_phone end)`.as('buyers'),
      sql<number>`sum(case when ${PAID} then cast(quantity as bigint) * unit_price_fen else 0 end)`.as('paid_fen'),
      sql<number>`sum(case when ${PAID} then cast(refunded_quantity as bigint) * unit_price_fen else 0 end)`.as('refunded_fen'),
    ])
    .where('merchant_id', '=', merchantId)
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return {
    paidOrders: n(row.paid_orders),
    paidUnits: n(row.paid_units),
    refundedUnits: n(row.refunded_units),
    reservedUnits: n(row.reserved_units),
    buyers: n(row.buyers),
    paidFen: n(row.paid_fen),
    refundedFen: n(row.refunded_fen),
  };
}

export interface VoucherFigures {
  issued: number;
  voided: number;
  /** Uses that can be or were redeemed: all of a live voucher's, only the redeemed ones of a void one. */
  uses: number;
  redeemedUses: number;
  /** Vouchers with at least one use redeemed. */
  redeemedVouchers: number;
  fullyRedeemedVouchers: number;
}

/** Every voucher figure of a campaign in one aggregate query. */
export async function voucherFigures(db: Db, merchantId: string, campaignId: string): Promise<VoucherFigures> {
  const row = await db.kysely
    .selectFrom('vouchers')
    .select([
      sql<number>`count(*)`.as('issued'),
      sql<number>`sum(case when status = 'void' then 1 else 0 end)`.as('voided'),
      sql<number>`sum(case when status <> 'void' then uses else redeemed end)`.as('uses'),
      sql<number>`sum(redeemed)`.as('redeemed_uses'),
      sql<number>`sum(case when redeemed > 0 then 1 else 0 end)`.as('redeemed_vouchers'),
      sql<number>`sum(case when redeemed = uses then 1 else 0 end)`.as('fully_redeemed'),
    ])
    .where('merchant_id', '=', merchantId)
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return {
    issued: n(row.issued),
    voided: n(row.voided),
    uses: n(row.uses),
    redeemedUses: n(row.redeemed_uses),
    redeemedVouchers: n(row.redeemed_vouchers),
    fullyRedeemedVouchers: n(row.fully_redeemed),
  };
}
