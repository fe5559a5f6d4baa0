import type { Db } from '../../db/database';
import type { OrderState } from '../../db/schema';

export interface SupportOrderRow {
  id: string;
  external_order_id: string | null;
  channel: string;
  campaign_id: string;
  title: string;
  buyer_phone: string;
  quantity: number;
  refunded_quantity: number;
  unit_price_fen: number;
  state: OrderState;
  created_at: string;
  paid_at: string | null;
  refunded_at: string | null;
}

export const SUPPORT_RESULT_LIMIT = 50;

function ordersQuery(db: Db, merchantId: string) {
  return db.kysely
    .selectFrom('orders as o')
    .innerJoin('campaigns as c', (j) => j.onRef('c.merchant_id', '=', 'o.merchant_id').onRef('c.id', '=', 'o.campaign_id'))
    .select([
      'o.id',
      'o.external_order_id',
      'o.channel',
      'o.campaign_id',
      'c.title',
      'o.buyer_phone',
      'o.quantity',
      'o.refunded_quantity',
      'o.unit_price_fen',
      'o.state',
      'o.created_at',
      'o.paid_at',
      'o.refunded_at',
    ])
    .where('o.merchant_id', '=', merchantId)
    .orderBy('o.created_at')
    .orderBy('o.id')
    .limit(SUPPORT_RESULT_LIMIT);
}

/** Orders whose own id or channel order id is `ref` (a channel id may repeat across channels). */
export function findOrdersByRef(db: Db, merchantId: string, ref: string): Promise<SupportOrderRow[]> {
  return ordersQuery(db, merchantId)
    .where((eb) => eb.or([eb('o.id', '=', ref), eb('o.external_order_id', '=', ref)]))
    .execute();
}

/** Orders of a campaign whose buyer phone ends in `last4` (four digits, checked by the caller). */
export function findOrdersByPhoneTail(db: Db, merchantId: string, campaignId: string, last4: string): Promise<SupportOrderRow[]> {
  return ordersQuery(db, merchantId).where('o.campaign_id', '=', campaignId).where('o.buyer_phone', 'like', `%${last4}`).execute();
}

export interface SupportVoucherRow {
  id: string;
  code: string;
  campaign_id: string;
  title: string;
  order_id: string | null;
  status: 'active' | 'void' | 'exhausted';
  uses: number;
  redeemed: number;
  valid_from: string;
  valid_until: string;
  buyer_phone: string | null;
}

function vouchersQuery(db: Db, merchantId: string) {
  return db.kysely
    .selectFrom('vouchers as v')
    .innerJoin('campaigns as c', (j) => j.onRef('c.merchant_id', '=', 'v.merchant_id').onRef('c.id', '=', 'v.campaign_id'))
    .select(['v.id', 'v.code', 'v.campaign_id', 'c.title', 'v.order_id', 'v.status', 'v.uses', 'v.redeemed', 'v.valid_from', 'v.valid_until', 'v.buyer_phone'])
    .where('v.merchant_id', '=', merchantId)
    .orderBy('v.id');
}

export function findVouchersOfOrders(db: Db, merchantId: string, orderIds: readonly string[]): Promise<SupportVoucherRow[]> {
  if (orderIds.length === 0) return Promise.resolve([]);
  return vouchersQuery(db, merchantId).where('v.order_id', 'in', orderIds).execute();
}

/** Vouchers of a campaign given without an order (seeded or issued by hand) to a phone ending in `last4`. */
export function findLooseVouchersByPhoneTail(db: Db, merchantId: string, campaignId: string, last4: string): Promise<SupportVoucherRow[]> {
  return vouchersQuery(db, merchantId)
    .where('v.campaign_id', '=', campaignId)
    .where('v.order_id', 'is', null)
    .where('v.buyer_phone', 'like', `%${last4}`)
    .limit(SUPPORT_RESULT_LIMIT)
    .execute();
}

export function findVoucherByCode(db: Db, merchantId: string, code: string): Promise<SupportVoucherRow | undefined> {
  return vouchersQuery(db, merchantId).where('v.code', '=', code).executeTakeFirst();
}

export function findVoucherById(db: Db, merchantId: string, voucherId: string): Promise<SupportVoucherRow | undefined> {
  return vouchersQuery(db, merchantId).where('v.id', '=', voucherId).executeTakeFirst();
}

export interface NotificationRow {
  voucher_id: string | null;
  channel: 'sms' | 'dm';
  state: 'queued' | 'sent' | 'delivered' | 'failed';
  attempts: number;
  updated_at: string;
}

/** Every message about these vouchers, oldest first; the caller keeps the latest per voucher. */
export function findNotifications(db: Db, merchantId: string, voucherIds: readonly string[]): Promise<NotificationRow[]> {
  if (voucherIds.length === 0) return Promise.resolve([]);
  return db.kysely
    .selectFrom('notifications')
    .select(['voucher_id', 'channel', 'state', 'attempts', 'updated_at'])
    .where('merchant_id', '=', merchantId)
    .where('voucher_id', 'in', voucherIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
