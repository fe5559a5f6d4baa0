import { maskCode } from '../../../core/voucher-code';
import type { OrderState } from '../../db/schema';
import { failure } from '../../use-cases/outcome';
import type { EventAnswer, VoucherSummary } from '../../use-cases/sales/channel-event';
import { int, one, ScriptRefusal, stmt, text, textOrNull, type SqlScript } from './sql-script';

export interface OrderRow {
  id: string;
  campaignId: string;
  channel: string;
  externalOrderId: string | null;
  phone: string;
  handleKey: string | null;
  quantity: number;
  state: OrderState;
  memberId: string | null;
}

export const ORDER_COLUMNS = 'id, campaign_id, channel, external_order_id, buyer_phone, buyer_handle, quantity, state, member_id';

/** The order with our id, and any order holding the channel's id (at most one each). */
export function* findOrders(
  merchantId: string,
  orderId: string | null,
  channel: string,
  externalOrderId: string,
): SqlScript<OrderRow[]> {
  // Two full-key look-ups rather than an OR, which a planner without statistics may turn into a scan.
  const result = yield stmt(
    `SELECT ${ORDER_COLUMNS} FROM orders WHERE merchant_id = ? AND id = ?
     UNION ALL
     SELECT ${ORDER_COLUMNS} FROM orders WHERE merchant_id = ? AND channel = ? AND external_order_id = ? AND id <> ?`,
    [merchantId, orderId ?? '', merchantId, channel, externalOrderId, orderId ?? ''],
  );
  return result.rows.map(orderRow);
}

export function orderRow(row: Record<string, unknown>): OrderRow {
  return {
    id: text(row, 'id'),
    campaignId: text(row, 'campaign_id'),
    channel: text(row, 'channel'),
    externalOrderId: textOrNull(row, 'external_order_id'),
    phone: text(row, 'buyer_phone'),
    handleKey: textOrNull(row, 'buyer_handle'),
    quantity: int(row, 'quantity'),
    state: text(row, 'state') as OrderState,
    memberId: textOrNull(row, 'member_id'),
  };
}

export function* orderVouchers(merchantId: string, orderId: string): SqlScript<VoucherSummary[]> {
  const result = yield stmt(
    `SELECT id, code, uses, redeemed, status FROM vouchers WHERE merchant_id = ? AND order_id = ?`,
    [merchantId, orderId],
  );
  // Sorted here: an ORDER BY tempts SQLite to walk the merchant's whole primary key instead.
  const rows = [...result.rows].sort((a, b) => text(a, 'id').localeCompare(text(b, 'id')));
  return rows.map((row) => ({
    voucherId: text(row, 'id'),
    codeMasked: maskCode(text(row, 'code')),
    uses: int(row, 'uses'),
    redeemed: int(row, 'redeemed'),
    status: text(row, 'status'),
  }));
}

export interface EventRecord {
  merchantId: string;
  channel: string;
  eventId: string;
  type: string;
  externalOrderId: string;
  payloadSha256: string;
  receivedAt: string;
}

/**
 * Records an applied event with its answer. An event id seen before rolls the whole script back
 * and answers EVENT_REPLAYED with the first answer, so a replay changes nothing.
 */
export function* recordEvent(record: EventRecord, answer: EventAnswer): SqlScript<void> {
  const inserted = yield stmt(
    `INSERT INTO channel_events (merchant_id, channel, event_id, event_type, external_order_id, order_id, payload_sha256, result, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (merchant_id, channel, event_id) DO NOTHING`,
    [
      record.merchantId,
      record.channel,
      record.eventId,
      record.type,
      record.externalOrderId,
      answer.orderId,
      record.payloadSha256,
      JSON.stringify(answer),
      record.receivedAt,
    ],
  );
  if (inserted.affected === 1) return;
  const first = one(
    yield stmt(`SELECT result, received_at, payload_sha256 FROM channel_events WHERE merchant_id = ? AND channel = ? AND event_id = ?`, [
      record.merchantId,
      record.channel,
      record.eventId,
    ]),
  );
  throw new ScriptRefusal(
    failure('EVENT_REPLAYED', `event ${record.eventId} was already applied at ${text(first, 'received_at')}`, {
      receivedAt: text(first, 'received_at'),
      samePayload: text(first, 'payload_sha256') === record.payloadSha256,
      result: JSON.parse(text(first, 'result')) as unknown,
    }),
  );
}
