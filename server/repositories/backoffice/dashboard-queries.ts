import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database';

/** Sums come back as numbers, bigint strings (PostgreSQL numeric) or null over no rows. */
export function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** One merchant's business day as instants, optionally one store. */
export interface DayScope {
  merchantId: string;
  from: string;
  until: string;
  storeId: string | null;
}

/** The UTC hour an instant column falls in, as `YYYY-MM-DDTHH` on both dialects. */
function utcHour(db: Db, column: string): RawBuilder<string> {
  return db.kind === 'postgres'
    ? sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24')`
    : sql<string>`substr(${sql.ref(column)}, 1, 13)`;
}

function storeFilter(column: string, storeId: string | null) {
  return storeId === null ? sql`` : sql` and ${sql.ref(column)} = ${storeId}`;
}

export interface RedemptionCell {
  storeId: string;
  campaignId: string;
  utcHour: string;
  count: number;
  uses: number;
  faceValueFen: number;
}

/**
 * Accepted ledger rows of the day grouped by store, campaign and UTC hour: the day's slice of
 * `redemptions_day_idx` (it holds every column read from the ledger), joined to the voucher for its campaign.
 */
export async function redemptionCells(db: Db, scope: DayScope): Promise<RedemptionCell[]> {
  const hour = utcHour(db, 'r.device_time');
  const { rows } = await sql<Record<string, unknown>>`
    select r.store_id, v.campaign_id, ${hour} as utc_hour, count(*) as n, sum(r.count) as uses,
           sum(cast(r.count as bigint) * c.face_value_fen) as face
    from redemptions r
    join vouchers v on v.merchant_id = r.merchant_id and v.id = r.voucher_id
    join campaigns c on c.merchant_id = v.merchant_id and c.id = v.campaign_id
    where r.merchant_id = ${scope.merchantId} and r.device_time >= ${scope.from} and r.device_time < ${scope.until}
      and r.outcome = 'accepted'${storeFilter('r.store_id', scope.storeId)}
    group by r.store_id, v.campaign_id, ${hour}`.execute(db.kysely);
  return rows.map((r) => ({
    storeId: String(r['store_id']),
    campaignId: String(r['campaign_id']),
    utcHour: String(r['utc_hour']),
    count: num(r['n']),
    uses: num(r['uses']),
    faceValueFen: num(r['face']),
  }));
}

export interface ReversalTotals {
  count: number;
  uses: number;
}

/** Redemptions reversed by a manager on that day (their own ledger entries). */
export async function reversalTotals(db: Db, scope: DayScope): Promise<ReversalTotals> {
  const { rows } = await sql<Record<string, unknown>>`
    select count(*) as n, sum(uses_freed) as uses from redemption_reversals
    where merchant_id = ${scope.merchantId} and device_time >= ${scope.from} and device_time < ${scope.until}${storeFilter('store_id', scope.storeId)}`.execute(
    db.kysely,
  );
  return { count: num(rows[0]?.['n']), uses: num(rows[0]?.['uses']) };
}

export interface CounterStoreFigures {
  storeId: string;
  sales: number;
  grossFen: number;
  totalFen: number;
}

/** Accepted counter sales of the day per store. */
export async function counterSalesByStore(db: Db, scope: DayScope): Promise<CounterStoreFigures[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select store_id, count(*) as n, sum(gross_fen) as gross, sum(total_fen) as total from sales
    where merchant_id = ${scope.merchantId} and device_time >= ${scope.from} and device_time < ${scope.until}
      and outcome = 'accepted'${storeFilter('store_id', scope.storeId)}
    group by store_id`.execute(db.kysely);
  return rows.map((r) => ({ storeId: String(r['store_id']), sales: num(r['n']), grossFen: num(r['gross']), totalFen: num(r['total']) }));
}

export interface TenderFigures {
  kind: string;
  count: number;
  amountFen: number;
}

/**
 * What the day's accepted counter sales were paid with. The day's sales are picked first (an IN
 * subquery): joined the other way, SQLite would read every payment the merchant ever took.
 */
export async function counterTenders(db: Db, scope: DayScope): Promise<TenderFigures[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select p.kind, count(*) as n, sum(p.amount_fen) as amount from sale_payments p
    where p.merchant_id = ${scope.merchantId} and p.sale_id in (
      select s.id from sales s
      where s.merchant_id = ${scope.merchantId} and s.device_time >= ${scope.from} and s.device_time < ${scope.until}
        and s.outcome = 'accepted'${storeFilter('s.store_id', scope.storeId)})
    group by p.kind order by p.kind`.execute(db.kysely);
  return rows.map((r) => ({ kind: String(r['kind']), count: num(r['n']), amountFen: num(r['amount']) }));
}

/** Counter refunds made that day. */
export async function counterRefunds(db: Db, scope: DayScope): Promise<{ count: number; amountFen: number }> {
  const { rows } = await sql<Record<string, unknown>>`
    select count(*) as n, sum(amount_fen) as amount from sale_refunds
    where merchant_id = ${scope.merchantId} and device_time >= ${scope.from} and device_time < ${scope.until}${storeFilter('store_id', scope.storeId)}`.execute(
    db.kysely,
  );
  return { count: num(rows[0]?.['n']), amountFen: num(rows[0]?.['amount']) };
}
