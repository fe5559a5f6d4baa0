import type { Db } from '../../db/database';
import { SUPPORT_RESULT_LIMIT, type SupportOrderRow, type SupportVoucherRow } from './support-queries';

/** The phone as stored by either writer: E.164 (online orders) or the 11 typed digits (older counter rows). */
export function phoneForms(e164: string): string[] {
  return e164.startsWith('+86') ? [e164, e164.slice(3)] : [e164];
}

/** A buyer's orders in every campaign, oldest first (at most SUPPORT_RESULT_LIMIT). */
export function findOrdersByPhone(db: Db, merchantId: string, phones: readonly string[]): Promise<SupportOrderRow[]> {
  return db.kysely
    .selectFrom('orders as o')
    .innerJoin('campaigns as c', (j) => j.onRef('c.merchant_id', '=', 'o.merchant_id').onRef('c.id', '=', 'o.campaign_id'))
    .select(['o.id', 'o.external_order_id', 'o.channel', 'o.campaign_id', 'c.title', 'o.buyer_phone', 'o.quantity', 'o.refunded_quantity', 'o.unit_price_fen', 'o.state', 'o.created_at', 'o.paid_at', 'o.refunded_at'])
    .where('o.merchant_id', '=', merchantId)
    .where('o.buyer_phone', 'in', phones)
    .orderBy('o.created_at')
    .orderBy('o.id')
    .limit(SUPPORT_RESULT_LIMIT)
    .execute();
}

/** Vouchers outside any order given to this phone, or held by the member with this phone. */
export function findLooseVouchersByPhone(db: Db, merchantId: string, phones: readonly string[]): Promise<SupportVoucherRow[]> {
  return db.kysely
    .selectFrom('vouchers as v')
    .innerJoin('campaigns as c', (j) => j.onRef('c.merchant_id', '=', 'v.merchant_id').onRef('c.id', '=', 'v.campaign_id'))
    .leftJoin('members as m', (j) => j.onRef('m.merchant_id', '=', 'v.merchant_id').onRef('m.id', '=', 'v.member_id'))
    .select(['v.id', 'v.code', 'v.campaign_id', 'c.title', 'v.order_id', 'v.status', 'v.uses', 'v.redeemed', 'v.valid_from', 'v.valid_until', 'v.buyer_phone'])
    .where('v.merchant_id', '=', merchantId)
    .where('v.order_id', 'is', null)
    .where((eb) => eb.or([eb('v.buyer_phone', 'in', phones), eb('m.phone', 'in', phones)]))
    .orderBy('v.id')
    .limit(SUPPORT_RESULT_LIMIT)
    .execute();
}

/** When and how the voucher was issued: its creation, and its order's channel and refunds. */
export function voucherOrigin(db: Db, merchantId: string, voucherId: string) {
  return db.kysely
    .selectFrom('vouchers as v')
    .leftJoin('orders as o', (j) => j.onRef('o.merchant_id', '=', 'v.merchant_id').onRef('o.id', '=', 'v.order_id'))
    .select(['v.created_at', 'v.order_id', 'o.channel', 'o.state', 'o.refunded_quantity', 'o.refunded_at'])
    .where('v.merchant_id', '=', merchantId)
    .where('v.id', '=', voucherId)
    .executeTakeFirst();
}

export function groupPriceRefundsOf(db: Db, merchantId: string, orderId: string) {
  return db.kysely
    .selectFrom('group_price_refunds')
    .select(['refund_fen', 'units', 'created_at'])
    .where('merchant_id', '=', merchantId)
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .execute();
}

const NOTIFICATION_COLUMNS = [
  'id', 'voucher_id', 'channel', 'template', 'recipient', 'state', 'attempts', 'last_error', 'created_at', 'updated_at', 'sent_at', 'delivered_at',
] as const;

export function notificationsOfVoucher(db: Db, merchantId: string, voucherId: string) {
  return db.kysely
    .selectFrom('notifications')
    .select(NOTIFICATION_COLUMNS)
    .where('merchant_id', '=', merchantId)
    .where('voucher_id', '=', voucherId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function notificationById(db: Db, merchantId: string, id: string) {
  return db.kysely.selectFrom('notifications').select(NOTIFICATION_COLUMNS).where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();
}

export type NotificationDetailRow = NonNullable<Awaited<ReturnType<typeof notificationById>>>;
