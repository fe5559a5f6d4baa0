import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database';
import { num } from './dashboard-queries';

/** One merchant's ledger over [from, until), optionally one campaign. */
export interface LedgerScope {
  merchantId: string;
  from: string;
  until: string;
  campaignId: string | null;
}

export type LedgerType = 'sale' | 'refund' | 'group_price_refund' | 'redemption';

/**
 * The settlement ledger: every paid order (`sale`), refunded units of an order (`refund`, on the day
 * of its refund), every group-price refund owed, and every accepted redemption — one row each, in
 * that order of sections. Columns: type, at, campaign_id, store_id, reference_id, units, amount_fen
 * (money in, negative when paid back). Campaign titles, face values and store names are few: the
 * caller adds them from `ledgerNames`, so a million rows cost one join (redemption → voucher) each.
 */
export function ledgerQuery(db: Db, s: LedgerScope): RawBuilder<Record<string, unknown>> {
  const text = sql.raw(db.kind === 'postgres' ? 'cast(null as text)' : 'null');
  const campaign = (column: string) => (s.campaignId === null ? sql`` : sql` and ${sql.ref(column)} = ${s.campaignId}`);
  return sql<Record<string, unknown>>`
    select 'sale' as type, o.paid_at as at, o.campaign_id, ${text} as store_id,
           o.id as reference_id, o.quantity as units, cast(o.quantity as bigint) * o.unit_price_fen as amount_fen
    from orders o
    where o.merchant_id = ${s.merchantId} and o.paid_at >= ${s.from} and o.paid_at < ${s.until}${campaign('o.campaign_id')}
    union all
    select 'refund', o.refunded_at, o.campaign_id, ${text}, o.id, o.refunded_quantity, -(cast(o.refunded_quantity as bigint) * o.unit_price_fen)
    from orders o
    where o.merchant_id = ${s.merchantId} and o.refunded_at >= ${s.from} and o.refunded_at < ${s.until}
      and o.refunded_quantity > 0 and o.paid_at is not null${campaign('o.campaign_id')}
    union all
    select 'group_price_refund', g.created_at, g.campaign_id, ${text}, g.order_id, g.units, -g.refund_fen
    from group_price_refunds g
    where g.merchant_id = ${s.merchantId} and g.created_at >= ${s.from} and g.created_at < ${s.until}${campaign('g.campaign_id')}
    union all
    select 'redemption', r.device_time, v.campaign_id, r.store_id, r.redemption_id, r.count, cast(0 as bigint)
    from redemptions r
    join vouchers v on v.merchant_id = r.merchant_id and v.id = r.voucher_id
    where r.merchant_id = ${s.merchantId} and r.device_time >= ${s.from} and r.device_time < ${s.until}
      and r.outcome = 'accepted'${campaign('v.campaign_id')}`;
}

export interface LedgerNames {
  campaigns: Map<string, { title: string; faceValueFen: number }>;
  stores: Map<string, string>;
}

/** The merchant's campaign titles and face values and store names, to complete ledger rows. */
export async function ledgerNames(db: Db, merchantId: string): Promise<LedgerNames> {
  const k = db.kysely;
  const campaigns = await k.selectFrom('campaigns').select(['id', 'title', 'face_value_fen']).where('merchant_id', '=', merchantId).execute();
  const stores = await k.selectFrom('stores').select(['id', 'name']).where('merchant_id', '=', merchantId).execute();
  return {
    campaigns: new Map(campaigns.map((c) => [c.id, { title: c.title, faceValueFen: c.face_value_fen }])),
    stores: new Map(stores.map((st) => [st.id, st.name])),
  };
}

export interface LedgerCell {
  type: LedgerType;
  campaignId: string;
  storeId: string | null;
  /** `YYYY-MM-DDTHH` in UTC. */
  utcHour: string;
  rows: number;
  units: number;
  amountFen: number;
}

/** The ledger summed per type, campaign, store and UTC hour: the daily statement's raw material. */
export async function ledgerCells(db: Db, s: LedgerScope): Promise<LedgerCell[]> {
  const hour = db.kind === 'postgres' ? sql`to_char(l.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24')` : sql`substr(l.at, 1, 13)`;
  const { rows } = await sql<Record<string, unknown>>`
    select l.type, l.campaign_id, l.store_id, ${hour} as utc_hour, count(*) as n, sum(l.units) as units,
           sum(l.amount_fen) as amount
    from (${ledgerQuery(db, s)}) l
    group by l.type, l.campaign_id, l.store_id, ${hour}`.execute(db.kysely);
  return rows.map((r) => ({
    type: String(r['type']) as LedgerType,
    campaignId: String(r['campaign_id']),
    storeId: r['store_id'] === null ? null : String(r['store_id']),
    utcHour: String(r['utc_hour']),
    rows: num(r['n']),
    units: num(r['units']),
    amountFen: num(r['amount']),
  }));
}
