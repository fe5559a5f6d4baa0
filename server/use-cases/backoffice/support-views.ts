import { maskPhone } from '../../../core/mask';
import { maskCode } from '../../../core/voucher-code';
import type { BackofficeDeps } from './deps';
import {
  findNotifications,
  findVouchersOfOrders,
  type NotificationRow,
  type SupportOrderRow,
  type SupportVoucherRow,
} from '../../repositories/backoffice/support-queries';

/** A voucher as support sees it: code and phone masked, plus how its last message fared. */
export interface SupportVoucher {
  voucherId: string;
  codeMasked: string;
  campaignId: string;
  campaignTitle: string;
  orderId: string | null;
  status: string;
  uses: number;
  redeemed: number;
  remaining: number;
  validFrom: string;
  validUntil: string;
  buyerPhoneMasked: string | null;
  lastMessage: { channel: string; state: string; attempts: number; updatedAt: string } | null;
}

export interface SupportOrder {
  orderId: string;
  externalOrderId: string | null;
  channel: string;
  campaignId: string;
  campaignTitle: string;
  buyerPhoneMasked: string;
  quantity: number;
  refundedQuantity: number;
  unitPriceFen: number;
  state: string;
  createdAt: string;
  paidAt: string | null;
  refundedAt: string | null;
  vouchers: SupportVoucher[];
}

function latestByVoucher(rows: readonly NotificationRow[]): Map<string, NotificationRow> {
  const latest = new Map<string, NotificationRow>();
  for (const row of rows) if (row.voucher_id) latest.set(row.voucher_id, row);
  return latest;
}

/** Masks and decorates vouchers with their latest message (one query). */
export async function supportVouchers(deps: BackofficeDeps, merchantId: string, rows: readonly SupportVoucherRow[]): Promise<SupportVoucher[]> {
  const latest = latestByVoucher(await findNotifications(deps.db, merchantId, rows.map((v) => v.id)));
  return rows.map((v) => {
    const message = latest.get(v.id);
    return {
      voucherId: v.id,
      codeMasked: maskCode(v.code),
      campaignId: v.campaign_id,
      campaignTitle: v.title,
      orderId: v.order_id,
      status: v.status,
      uses: v.uses,
      redeemed: v.redeemed,
      remaining: v.uses - v.redeemed,
      validFrom: v.valid_from,
      validUntil: v.valid_until,
      buyerPhoneMasked: v.buyer_phone === null ? null : maskPhone(v.buyer_phone),
      lastMessage: message ? { channel: message.channel, state: message.state, attempts: message.attempts, updatedAt: message.updated_at } : null,
    };
  });
}

/** Orders with their vouchers (two queries for the lot, plus one for messages). */
export async function supportOrders(deps: BackofficeDeps, merchantId: string, rows: readonly SupportOrderRow[]): Promise<SupportOrder[]> {
  const vouchers = await supportVouchers(deps, merchantId, await findVouchersOfOrders(deps.db, merchantId, rows.map((o) => o.id)));
  return rows.map((o) => ({
    orderId: o.id,
    externalOrderId: o.external_order_id,
    channel: o.channel,
    campaignId: o.campaign_id,
    campaignTitle: o.title,
    buyerPhoneMasked: maskPhone(o.buyer_phone),
    quantity: o.quantity,
    refundedQuantity: o.refunded_quantity,
    unitPriceFen: o.unit_price_fen,
    state: o.state,
    createdAt: o.created_at,
    paidAt: o.paid_at,
    refundedAt: o.refunded_at,
    vouchers: vouchers.filter((v) => v.orderId === o.id),
  }));
}
