import { sql, type RawBuilder } from 'kysely';
import { localDateTime, startOfLocalDay } from '../../../core/time-zone';
import type { Db } from '../../../server/db/database';
import { addMerchantUser } from '../../../server/repositories/backoffice/merchant-user-setup';
import { createCampaign, createMerchant, createStore, createTerminal } from '../../../server/repositories/merchant-setup';

/** `BENCH_ADMIN_SCALE=0.01` shrinks the data for a quick try of the group (default 1). */
const SCALE = Number(process.env['BENCH_ADMIN_SCALE'] ?? 1) || 1;
const scaled = (n: number) => Math.max(10, Math.round(n * SCALE));
export const ADMIN_SEED = {
  members: scaled(100_000),
  vouchers: scaled(100_000),
  redemptions: scaled(1_000_000),
  orders: scaled(50_000),
  salesToday: scaled(20_000),
  days: 30,
};
export const OWNER_PASSWORD = 'bench-owner-secret';

const DAY_S = 86_400;

/** `INSERT … SELECT <select> FROM` the numbers 0…count−1, as one statement on either database. */
function fromSeries(db: Db, count: number, head: RawBuilder<unknown>, select: RawBuilder<unknown>): RawBuilder<unknown> {
  return db.kind === 'postgres'
    ? sql`${head} select ${select} from generate_series(0, ${sql.lit(count - 1)}) as s(n)`
    : sql`with recursive s(n) as (select 0 union all select n + 1 from s where n < ${sql.lit(count - 1)}) ${head} select ${select} from s`;
}

/** An instant `secondsAgo` before `epochS`, in the column's stored form. */
function instantAgo(db: Db, epochS: number, secondsAgo: RawBuilder<unknown>): RawBuilder<unknown> {
  return db.kind === 'postgres'
    ? sql`to_timestamp(${sql.lit(epochS)} - (${secondsAgo}))`
    : sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${sql.lit(epochS)} - (${secondsAgo}), 'unixepoch')`;
}

function pad(db: Db, width: number): RawBuilder<string> {
  return db.kind === 'postgres' ? sql<string>`lpad(n::text, ${sql.lit(width)}, '0')` : sql<string>`printf('%0${sql.raw(String(width))}d', n)`;
}

/** `case n % k when 0 then ids[0] … end`: spreads rows over a few parents. */
function pick(ids: readonly string[], by: RawBuilder<unknown> = sql`n`): RawBuilder<string> {
  return sql<string>`(case (${by}) % ${sql.lit(ids.length)} ${sql.join(ids.map((id, i) => sql`when ${sql.lit(i)} then ${sql.lit(id)}`), sql` `)} end)`;
}

/**
 * A merchant the size of a busy chain, written with bulk SQL: 5 stores, 10 campaigns, 100,000
 * members and vouchers, 1,000,000 accepted redemptions over the last 30 days (a thirtieth today),
 * 50,000 paid orders over the same days, and 20,000 counter sales today.
 */
export async function seedBusyMerchant(db: Db, now: Date, sizes: typeof ADMIN_SEED = ADMIN_SEED) {
  const merchant = await createMerchant(db, { name: '基准连锁' });
  const stores = await Promise.all([1, 2, 3, 4, 5].map((i) => createStore(db, merchant.id, `门店 ${i}`)));
  const terminals = await Promise.all(stores.map((s, i) => createTerminal(db, merchant.id, s.id, `收银 ${i + 1}`)));
  const campaigns = [];
  for (let i = 0; i < 10; i++) {
    campaigns.push(await createCampaign(db, merchant.id, { kind: 'product', title: `基准活动 ${i}`, priceFen: 990, faceValueFen: 2000 + i * 100, usesPerVoucher: 100, validFrom: new Date(now.getTime() - 60 * DAY_S * 1000), validUntil: new Date(now.getTime() + 60 * DAY_S * 1000), storeIds: stores.map((s) => s.id) }));
  }
  const owner = await addMerchantUser(db, merchant.id, { login: `owner-${merchant.id}@bench.test`, name: '店主', role: 'owner', password: OWNER_PASSWORD });
  const m = sql.lit(merchant.id);
  const k = db.kysely;
  const nowS = Math.floor(now.getTime() / 1000);
  const at = (ago: RawBuilder<unknown>) => instantAgo(db, nowS, ago);
  const storeIds = stores.map((s) => s.id);
  const terminalIds = terminals.map((t) => t.id);
  const campaignIds = campaigns.map((c) => c.id);
  const { members, vouchers, redemptions, orders, salesToday, days } = sizes;
  // Seconds since the merchant's midnight: `n % secondsToday` seconds ago stays within today.
  const midnight = startOfLocalDay(localDateTime(now, merchant.timeZone).date, merchant.timeZone);
  const secondsToday = Math.max(1, nowS - Math.floor(midnight.getTime() / 1000));

  await fromSeries(db, members, sql`insert into members (merchant_id, id, phone, first_order_id, created_at, updated_at)`, sql`${m}, 'm' || n, '+86139' || ${pad(db, 8)}, null, ${at(sql`n`)}, ${at(sql`n`)}`).execute(k);
  await fromSeries(db, vouchers, sql`insert into vouchers (merchant_id, id, campaign_id, code, uses, redeemed, status, valid_from, valid_until, buyer_phone, home_store_id, created_at, updated_at, order_id, member_id, qr_token)`,
    sql`${m}, 'v' || n, ${pick(campaignIds)}, ${pad(db, 12)}, 100, 10, 'active', ${at(sql`${sql.lit(60 * DAY_S)}`)}, ${at(sql`${sql.lit(-60 * DAY_S)}`)}, null, null, ${at(sql`${sql.lit(days * DAY_S)}`)}, ${at(sql`0`)}, null, 'm' || n, null`).execute(k);
  // n % 30 picks the day (0 = today), n / 30 % seconds the moment within the last day of it.
  const ago = sql`(n % ${sql.lit(days)}) * ${sql.lit(DAY_S)} + (n / ${sql.lit(days)}) % ${sql.lit(secondsToday)}`;
  await fromSeries(db, redemptions, sql`insert into redemptions (merchant_id, redemption_id, voucher_id, count, store_id, terminal_id, cashier_id, device_time, server_time, mode, outcome, remaining_after, request_fingerprint)`,
    sql`${m}, 'r' || n, 'v' || (n % ${sql.lit(vouchers)}), 1, ${pick(storeIds)}, ${pick(terminalIds)}, null, ${at(ago)}, ${at(ago)}, 'online', 'accepted', 90, 'bench'`).execute(k);
  await fromSeries(db, orders, sql`insert into orders (merchant_id, id, campaign_id, channel, external_order_id, buyer_phone, buyer_handle, member_id, quantity, unit_price_fen, state, expires_at, paid_at, refunded_at, created_at, updated_at)`,
    sql`${m}, 'o' || n, ${pick(campaignIds)}, 'flash_sale', null, '+86139' || ${pad(db, 8)}, null, null, 1, 990, 'paid', null, ${at(ago)}, null, ${at(ago)}, ${at(ago)}`).execute(k);
  const todayAgo = sql`n % ${sql.lit(secondsToday)}`;
  await fromSeries(db, salesToday, sql`insert into sales (merchant_id, id, store_id, terminal_id, shift_id, cashier_id, member_id, order_type, table_no, note, gross_fen, line_discount_fen, order_discount_fen, total_fen, change_fen, points_earned, discount_approved_by, outcome, device_time, server_time)`,
    sql`${m}, 's' || n, ${pick(storeIds)}, ${pick(terminalIds)}, null, null, null, 'dine_in', null, null, 5000 + n % 3000, 0, 0, 5000 + n % 3000, 0, 0, null, 'accepted', ${at(todayAgo)}, ${at(todayAgo)}`).execute(k);
  await fromSeries(db, salesToday, sql`insert into sale_payments (merchant_id, sale_id, tender_id, kind, amount_fen, received_fen, reference, redemption_id, campaign_id, points)`,
    sql`${m}, 's' || n, 't0', ${pick(['cash', 'wechat', 'alipay', 'card'])}, 5000 + n % 3000, null, null, null, null, null`).execute(k);
  await sql`analyze`.execute(k);
  return { merchant, owner, stores, campaigns };
}
