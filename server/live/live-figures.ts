import { sql } from 'kysely';
import { localDateTime, startOfLocalDay, endOfLocalDay } from '../../core/time-zone';
import type { Db } from '../db/database';
import type { NotificationState } from '../db/schema';
import { num } from '../repositories/backoffice/dashboard-queries';

export interface LiveCampaign {
  id: string;
  title: string;
  paused: boolean;
  totalStock: number | null;
  /** Units reserved or paid (expired reservations give theirs back; refunds do not). */
  soldUnits: number;
  stockLeft: number | null;
  /** Units in reservations waiting for payment. */
  reservedUnits: number;
  /** Units paid for, including ones refunded later. */
  paidUnits: number;
  refundedUnits: number;
  /** Orders placed in the last 60 seconds. */
  ordersLastMinute: number;
}

export type DeliveryCounts = Record<NotificationState, number>;

export interface LiveState {
  at: string;
  /** Today in the merchant's zone. */
  date: string;
  campaigns: LiveCampaign[];
  /** Today's accepted redemptions (by device time, so offline ones count once synced). */
  redemptions: { count: number; uses: number; byStore: { storeId: string; count: number; uses: number }[] };
  /** Today's voucher messages by delivery state. */
  notifications: { sms: DeliveryCounts; dm: DeliveryCounts };
}

const EPOCH = '1970-01-01T00:00:00.000Z';
/** A campaign stays on the panel for an hour after its sale ends. */
const LINGER_MS = 3_600_000;

/** The smallest UUIDv7 minted at or after `instant`: notification ids are v7, so their primary key orders by time. */
export function uuidV7Floor(instant: Date): string {
  const hex = instant.getTime().toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}

const zeroCounts = (): DeliveryCounts => ({ queued: 0, sent: 0, delivered: 0, failed: 0 });

/**
 * What the live panel shows, read with a handful of index range scans that never touch the flash
 * sale's rows under lock: published campaigns (a few rows), open reservations (partial index),
 * refunds (partial index of migration 014), orders of the last minute (orders_campaign_idx),
 * today's ledger slice (redemptions_day_idx) and today's messages (primary key, by UUIDv7 time).
 */
export async function readLiveState(db: Db, merchantId: string, timeZone: string, now: Date): Promise<LiveState> {
  const k = db.kysely;
  const lingerFrom = new Date(now.getTime() - LINGER_MS).toISOString();
  const campaigns = await k
    .selectFrom('campaigns')
    .select(['id', 'title', 'total_stock', 'sold_count', 'paused_at', 'created_at'])
    .where('merchant_id', '=', merchantId)
    .where('status', '=', 'published')
    .where((eb) => eb.or([eb('sale_ends_at', 'is', null), eb('sale_ends_at', '>', lingerFrom)]))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const ids = campaigns.map((c) => c.id);
  const date = localDateTime(now, timeZone).date;
  const dayStart = startOfLocalDay(date, timeZone);
  const dayEnd = endOfLocalDay(date, timeZone).toISOString();
  const [reserved, refunded, recent, redemptions, messages] = await Promise.all([
    ids.length === 0
      ? []
      : sql<Record<string, unknown>>`select campaign_id, sum(quantity) as units from orders
          where state = 'reserved' and expires_at > ${EPOCH} and merchant_id = ${merchantId} group by campaign_id`.execute(k).then((r) => r.rows),
    ids.length === 0
      ? []
      : sql<Record<string, unknown>>`select campaign_id, sum(refunded_quantity) as units from orders
          where merchant_id = ${merchantId} and refunded_at is not null and refunded_at >= ${campaigns[0]!.created_at}
          group by campaign_id`.execute(k).then((r) => r.rows),
    ids.length === 0
      ? []
      : sql<Record<string, unknown>>`select campaign_id, count(*) as n from orders
          where merchant_id = ${merchantId} and campaign_id in (${sql.join(ids)}) and created_at >= ${new Date(now.getTime() - 60_000).toISOString()}
          group by campaign_id`.execute(k).then((r) => r.rows),
    sql<Record<string, unknown>>`select store_id, count(*) as n, sum(count) as uses from redemptions
      where merchant_id = ${merchantId} and device_time >= ${dayStart.toISOString()} and device_time < ${dayEnd} and outcome = 'accepted'
      group by store_id order by store_id`.execute(k).then((r) => r.rows),
    sql<Record<string, unknown>>`select channel, state, count(*) as n from notifications
      where merchant_id = ${merchantId} and id >= ${uuidV7Floor(dayStart)} and created_at >= ${dayStart.toISOString()}
      group by channel, state`.execute(k).then((r) => r.rows),
  ]);
  const byCampaign = (rows: Record<string, unknown>[], column: string) => new Map(rows.map((r) => [String(r['campaign_id']), num(r[column])]));
  const reservedOf = byCampaign(reserved, 'units');
  const refundedOf = byCampaign(refunded, 'units');
  const recentOf = byCampaign(recent, 'n');
  const notifications = { sms: zeroCounts(), dm: zeroCounts() };
  for (const m of messages) notifications[m['channel'] === 'dm' ? 'dm' : 'sms'][m['state'] as NotificationState] = num(m['n']);
  const byStore = redemptions.map((r) => ({ storeId: String(r['store_id']), count: num(r['n']), uses: num(r['uses']) }));
  return {
    at: now.toISOString(),
    date,
    campaigns: campaigns.map((c) => {
      const reservedUnits = reservedOf.get(c.id) ?? 0;
      return {
        id: c.id,
        title: c.title,
        paused: c.paused_at !== null,
        totalStock: c.total_stock,
        soldUnits: c.sold_count,
        stockLeft: c.total_stock === null ? null : Math.max(0, c.total_stock - c.sold_count),
        reservedUnits,
        paidUnits: Math.max(0, c.sold_count - reservedUnits),
        refundedUnits: refundedOf.get(c.id) ?? 0,
        ordersLastMinute: recentOf.get(c.id) ?? 0,
      };
    }),
    redemptions: { count: byStore.reduce((s, r) => s + r.count, 0), uses: byStore.reduce((s, r) => s + r.uses, 0), byStore },
    notifications,
  };
}
