import { maskCode } from '../../../core/voucher-code';
import type { PostgresDb } from '../../db/open-postgres';
import { newId } from '../../security/ids';
import type { PaidAnswer } from '../../use-cases/sales/channel-event';
import { drawSignedVouchers, type IssueContext } from './issue-vouchers-script';
import type { EventRecord } from './order-statements';

/**
 * The common payment on PostgreSQL in ONE statement: our reserved order becomes paid with its
 * member, handle, vouchers, messages and the event record. It applies only to an order still
 * reserved with the same campaign and quantity; anything else (already paid, lapsed, mismatched,
 * a replayed event) changes nothing and returns null, and the general script takes over.
 */
const PAY_RESERVED = `
WITH m AS (
  INSERT INTO members (merchant_id, id, phone, first_order_id, created_at, updated_at)
  SELECT o.merchant_id, $3, o.buyer_phone, o.id, $7::timestamptz, $7::timestamptz
    FROM orders o
   WHERE o.merchant_id = $1 AND o.id = $2 AND o.state = 'reserved' AND o.campaign_id = $4 AND o.quantity = $5
     AND (o.external_order_id IS NULL OR o.external_order_id = $6)
  ON CONFLICT (merchant_id, phone) DO UPDATE SET updated_at = excluded.updated_at
  RETURNING id
),
o AS (
  UPDATE orders SET state = 'paid', external_order_id = $6, member_id = (SELECT id FROM m), expires_at = NULL,
                    paid_at = $7::timestamptz, updated_at = $7::timestamptz
   WHERE merchant_id = $1 AND id = $2 AND state = 'reserved' AND EXISTS (SELECT 1 FROM m)
  RETURNING id, buyer_phone, buyer_handle, member_id
),
h AS (
  INSERT INTO member_handles (merchant_id, channel, handle, member_id, created_at)
  SELECT $1, split_part(o.buyer_handle, ':', 1), substr(o.buyer_handle, strpos(o.buyer_handle, ':') + 1), o.member_id, $7::timestamptz
    FROM o WHERE o.buyer_handle IS NOT NULL
  ON CONFLICT (merchant_id, channel, handle) DO NOTHING
),
v AS (
  INSERT INTO vouchers (merchant_id, id, campaign_id, code, uses, redeemed, status, valid_from, valid_until,
                        buyer_phone, home_store_id, created_at, updated_at, order_id, member_id, qr_token)
  SELECT $1, j.id, $4, j.code, $8::integer, 0, 'active', $9::timestamptz, $10::timestamptz, o.buyer_phone, NULL,
         $7::timestamptz, $7::timestamptz, o.id, o.member_id, j.qr
    FROM o, json_to_recordset($11::json) AS j(id text, code text, qr text)
  RETURNING id
),
n AS (
  INSERT INTO notifications (merchant_id, id, event_key, voucher_id, order_id, channel, recipient, template, params,
                             state, attempts, next_attempt_at, created_at, updated_at)
  SELECT $1, k.id, 'voucher-issued:' || v.id, v.id, o.id,
         CASE WHEN $12::boolean AND o.buyer_handle IS NOT NULL THEN 'dm' ELSE 'sms' END,
         CASE WHEN $12::boolean AND o.buyer_handle IS NOT NULL THEN o.buyer_handle ELSE o.buyer_phone END,
         'voucher_issued', '{}', 'queued', 0, $7::timestamptz, $7::timestamptz, $7::timestamptz
    FROM o, v JOIN json_to_recordset($13::json) AS k(voucher text, id text) ON k.voucher = v.id
  ON CONFLICT (merchant_id, event_key) DO NOTHING
),
e AS (
  INSERT INTO channel_events (merchant_id, channel, event_id, event_type, external_order_id, order_id, payload_sha256, result, received_at)
  SELECT $1, $14, $15, 'order.paid', $6, o.id, $16, $17, $7::timestamptz FROM o
  ON CONFLICT (merchant_id, channel, event_id) DO NOTHING
  RETURNING event_id
)
SELECT (SELECT count(*) FROM o) AS paid,
       -- An event id already recorded aborts the whole statement (division by zero): nothing stays.
       CASE WHEN (SELECT count(*) FROM o) = 1 THEN 1 / (SELECT count(*)::integer FROM e) END AS recorded`;

export async function payReservedOrderOnPostgres(
  db: PostgresDb,
  ctx: IssueContext & { event: EventRecord; dmWhenHandle: boolean },
  order: { orderId: string; campaignId: string; quantity: number; externalOrderId: string; eventId: string },
): Promise<PaidAnswer | null> {
  const drawn = drawSignedVouchers(ctx, order.quantity);
  const answer: PaidAnswer = {
    eventId: order.eventId,
    type: 'order.paid',
    orderId: order.orderId,
    externalOrderId: order.externalOrderId,
    state: 'paid',
    duplicate: false,
    vouchers: drawn.map((v) => ({ voucherId: v.id, codeMasked: maskCode(v.code), uses: ctx.facts.usesPerVoucher, redeemed: 0, status: 'active' })),
  };
  try {
    const result = await db.pool.query<{ paid: number }>({
      name: 'hexiao_pay_reserved_v1',
      text: PAY_RESERVED,
      values: [
        ctx.merchantId,
        order.orderId,
        newId(),
        order.campaignId,
        order.quantity,
        order.externalOrderId,
        ctx.nowIso,
        ctx.facts.usesPerVoucher,
        ctx.facts.validFrom,
        ctx.facts.validUntil,
        JSON.stringify(drawn),
        ctx.dmWhenHandle,
        JSON.stringify(drawn.map((v) => ({ voucher: v.id, id: newId() }))),
        ctx.event.channel,
        ctx.event.eventId,
        ctx.event.payloadSha256,
        JSON.stringify(answer),
      ],
    });
    return Number(result.rows[0]?.paid ?? 0) === 1 ? answer : null;
  } catch (error) {
    // A drawn code already in use, or a replayed event id: the statement left nothing behind.
    const code = (error as { code?: unknown }).code;
    if (code === '23505' || code === '22012') return null;
    throw error;
  }
}
