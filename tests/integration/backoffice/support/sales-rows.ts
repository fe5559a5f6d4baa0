import { randomUUID } from 'node:crypto';
import type { Db } from '../../../../server/db/database';
import type { OrderState } from '../../../../server/db/schema';
import { issueVouchers } from '../../../../server/repositories/merchant-setup';
import { newId } from '../../../../server/security/ids';

/**
 * Rows the selling side would write, inserted directly so figures can be checked against known
 * data: orders, the campaign's sold count, vouchers and ledger entries.
 */
export interface OrderRow {
  phone: string;
  quantity?: number;
  unitPriceFen?: number;
  state?: OrderState;
  refundedQuantity?: number;
  /** Reserved orders: when the reservation lapses. */
  expiresAt?: string | null;
  externalOrderId?: string;
}

export async function insertOrder(db: Db, merchantId: string, campaignId: string, order: OrderRow): Promise<string> {
  const id = newId();
  const at = new Date().toISOString();
  const state = order.state ?? 'paid';
  const quantity = order.quantity ?? 1;
  const paid = state === 'paid' || state === 'refunded' || state === 'partly_refunded';
  await db.kysely
    .insertInto('orders')
    .values({
      merchant_id: merchantId,
      id,
      campaign_id: campaignId,
      channel: 'test',
      external_order_id: order.externalOrderId ?? `ext-${randomUUID()}`,
      buyer_phone: order.phone,
      buyer_handle: null,
      member_id: null,
      quantity,
      unit_price_fen: order.unitPriceFen ?? 9900,
      state,
      refunded_quantity: order.refundedQuantity ?? (state === 'refunded' ? quantity : 0),
      expires_at: order.expiresAt ?? null,
      paid_at: paid ? at : null,
      refunded_at: state === 'refunded' || state === 'partly_refunded' ? at : null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  if (state !== 'expired') {
    await db.kysely
      .updateTable('campaigns')
      .set((eb) => ({ sold_count: eb('sold_count', '+', quantity) }))
      .where('merchant_id', '=', merchantId)
      .where('id', '=', campaignId)
      .execute();
  }
  return id;
}

/** Vouchers of an order (one per unit), linked to it. */
export async function issueForOrder(
  db: Db,
  merchantId: string,
  campaign: { id: string; usesPerVoucher: number; validFrom: string; validUntil: string },
  orderId: string,
  count: number,
  phone: string,
) {
  const vouchers = await issueVouchers(
    db,
    merchantId,
    { id: campaign.id, usesPerVoucher: campaign.usesPerVoucher, validFrom: new Date(campaign.validFrom), validUntil: new Date(campaign.validUntil) },
    { count, buyerPhones: [phone] },
  );
  for (const v of vouchers) await db.kysely.updateTable('vouchers').set({ order_id: orderId }).where('id', '=', v.id).execute();
  return vouchers;
}

/** An accepted redemption of `count` uses at a store, in the ledger and on the voucher. */
export async function redeemAt(
  db: Db,
  merchantId: string,
  voucherId: string,
  storeId: string,
  terminalId: string,
  count = 1,
): Promise<void> {
  const voucher = await db.kysely.selectFrom('vouchers').select(['uses', 'redeemed']).where('id', '=', voucherId).executeTakeFirstOrThrow();
  const redeemed = voucher.redeemed + count;
  const at = new Date().toISOString();
  await db.kysely
    .updateTable('vouchers')
    .set({ redeemed, status: redeemed === voucher.uses ? 'exhausted' : 'active', updated_at: at })
    .where('id', '=', voucherId)
    .execute();
  await db.kysely
    .insertInto('redemptions')
    .values({
      merchant_id: merchantId,
      redemption_id: randomUUID(),
      voucher_id: voucherId,
      count,
      store_id: storeId,
      terminal_id: terminalId,
      cashier_id: null,
      device_time: at,
      server_time: at,
      mode: 'online',
      outcome: 'accepted',
      remaining_after: voucher.uses - redeemed,
      request_fingerprint: 'test',
    })
    .execute();
}
