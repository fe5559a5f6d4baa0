import type { DbKind } from '../../db/db-kind';
import type { EventAnswer } from '../../use-cases/sales/channel-event';
import { ORDER_COLUMNS, orderRow, type EventRecord, type OrderRow } from './order-statements';
import { int, jsonRows, jsonTextList, stmt, text, type SqlScript } from './sql-script';

/** Statements over many orders and events at once, for payments applied in batches. */

/** Orders by our ids, and the ids of orders holding any of the channel's ids (primary and unique key look-ups). */
export function* findOrdersByIds(
  kind: DbKind,
  merchantId: string,
  orderIds: readonly string[],
  channel: string,
  externalOrderIds: readonly string[],
): SqlScript<{ byId: Map<string, OrderRow>; byExternalId: Map<string, string> }> {
  const list = jsonTextList(kind);
  const result = yield stmt(
    `SELECT ${ORDER_COLUMNS}, 1 AS by_id FROM orders WHERE merchant_id = ? AND id IN (${list})
     UNION ALL
     SELECT ${ORDER_COLUMNS}, 0 AS by_id FROM orders WHERE merchant_id = ? AND channel = ? AND external_order_id IN (${list})`,
    [merchantId, JSON.stringify(orderIds), merchantId, channel, JSON.stringify(externalOrderIds)],
  );
  const byId = new Map<string, OrderRow>();
  const byExternalId = new Map<string, string>();
  for (const row of result.rows) {
    const order = orderRow(row);
    if (int(row, 'by_id') === 1) byId.set(order.id, order);
    else byExternalId.set(order.externalOrderId!, order.id);
  }
  return { byId, byExternalId };
}

/** Reserved orders become paid with their member and the channel's id; answers how many did. */
export function* markOrdersPaid(
  kind: DbKind,
  merchantId: string,
  orders: readonly { id: string; externalOrderId: string; memberId: string }[],
  nowIso: string,
): SqlScript<number> {
  if (kind === 'postgres') {
    const rows = jsonRows(kind, { id: 'text', external_id: 'text', member_id: 'text' });
    const updated = yield stmt(
      `UPDATE orders SET state = 'paid', external_order_id = ${rows.col('external_id')}, member_id = ${rows.col('member_id')},
                         expires_at = NULL, paid_at = ?, updated_at = ?
         FROM ${rows.from}
        WHERE orders.merchant_id = ? AND orders.id = ${rows.col('id')} AND orders.state = 'reserved'`,
      [nowIso, nowIso, JSON.stringify(orders.map((o) => ({ id: o.id, external_id: o.externalOrderId, member_id: o.memberId }))), merchantId],
    );
    return updated.affected;
  }
  // SQLite: one statement per order (no round trips to save), as a join there may walk every order of the merchant.
  let paid = 0;
  for (const order of orders) {
    const updated = yield stmt(
      `UPDATE orders SET state = 'paid', external_order_id = ?, member_id = ?, expires_at = NULL, paid_at = ?, updated_at = ?
        WHERE merchant_id = ? AND id = ? AND state = ?`,
      [order.externalOrderId, order.memberId, nowIso, nowIso, merchantId, order.id, 'reserved'],
    );
    paid += updated.affected;
  }
  return paid;
}

/** Which of these event ids a channel already delivered. */
export function* recordedEventIds(kind: DbKind, merchantId: string, channel: string, eventIds: readonly string[]): SqlScript<Set<string>> {
  const result = yield stmt(
    `SELECT event_id FROM channel_events WHERE merchant_id = ? AND channel = ? AND event_id IN (${jsonTextList(kind)})`,
    [merchantId, channel, JSON.stringify(eventIds)],
  );
  return new Set(result.rows.map((row) => text(row, 'event_id')));
}

/** Records events applied together; answers how many were new (an event id seen before is not recorded again). */
export function* recordEvents(kind: DbKind, events: readonly { record: EventRecord; answer: EventAnswer }[]): SqlScript<number> {
  if (events.length === 0) return 0;
  const rows = jsonRows(kind, {
    merchant_id: 'text',
    channel: 'text',
    event_id: 'text',
    event_type: 'text',
    external_order_id: 'text',
    order_id: 'text',
    payload_sha256: 'text',
    result: 'text',
    received_at: 'instant',
  });
  const inserted = yield stmt(
    `INSERT INTO channel_events (merchant_id, channel, event_id, event_type, external_order_id, order_id, payload_sha256, result, received_at)
     SELECT ${['merchant_id', 'channel', 'event_id', 'event_type', 'external_order_id', 'order_id', 'payload_sha256', 'result', 'received_at'].map(rows.col).join(', ')}
       FROM ${rows.from} WHERE true
     ON CONFLICT (merchant_id, channel, event_id) DO NOTHING`,
    [
      JSON.stringify(
        events.map(({ record, answer }) => ({
          merchant_id: record.merchantId,
          channel: record.channel,
          event_id: record.eventId,
          event_type: record.type,
          external_order_id: record.externalOrderId,
          order_id: answer.orderId,
          payload_sha256: record.payloadSha256,
          result: JSON.stringify(answer),
          received_at: record.receivedAt,
        })),
      ),
    ],
  );
  return inserted.affected;
}

