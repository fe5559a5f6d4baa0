import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { afterKey, type KeysetOrder, type KeyValue } from '../../db/keyset-page';

export const MEMBER_ORDER: KeysetOrder = { columns: ['m.created_at', 'm.id'], direction: 'desc' };
export const MEMBER_SALES_ORDER: KeysetOrder = { columns: ['s.server_time', 's.id'], direction: 'desc' };
export const MEMBER_POINTS_ORDER: KeysetOrder = { columns: ['p.at', 'p.id'], direction: 'desc' };

/** `q` as a LIKE pattern that matches it anywhere, its own `%`, `_` and `\` taken literally. */
function containing(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Members newest first, optionally matching `q`: digits in the phone, a part of the name or of a
 * platform handle, or exactly one tag.
 */
export function memberRows(db: Db, merchantId: string, q: string | undefined, after: readonly KeyValue[] | null, limit: number) {
  let select = db.kysely
    .selectFrom('members as m')
    .select(['m.id', 'm.phone', 'm.name', 'm.level', 'm.points', 'm.visits', 'm.home_store_id', 'm.created_at'])
    .where('m.merchant_id', '=', merchantId);
  if (q !== undefined) {
    const pattern = containing(q);
    const digits = q.replace(/[\s-]/g, '');
    select = select.where((eb) =>
      eb.or([
        ...(/^\+?\d{3,}$/.test(digits) ? [sql<SqlBool>`m.phone like ${containing(digits.replace(/^\+/, ''))} escape '\\'`] : []),
        sql<SqlBool>`m.name like ${pattern} escape '\\'`,
        eb.exists(
          eb.selectFrom('member_handles as h').select('h.handle').whereRef('h.merchant_id', '=', 'm.merchant_id').whereRef('h.member_id', '=', 'm.id')
            .where(sql<SqlBool>`h.handle like ${pattern} escape '\\'`),
        ),
        eb.exists(
          eb.selectFrom('member_tags as t').select('t.tag').whereRef('t.merchant_id', '=', 'm.merchant_id').whereRef('t.member_id', '=', 'm.id').where('t.tag', '=', q),
        ),
      ]),
    );
  }
  if (after !== null) select = select.where(afterKey(MEMBER_ORDER, after));
  return select.orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(limit + 1).execute();
}

export async function tagsOf(db: Db, merchantId: string, memberIds: readonly string[]): Promise<Map<string, string[]>> {
  const tags = new Map<string, string[]>();
  if (memberIds.length === 0) return tags;
  const rows = await db.kysely
    .selectFrom('member_tags')
    .select(['member_id', 'tag'])
    .where('merchant_id', '=', merchantId)
    .where('member_id', 'in', memberIds)
    .orderBy('member_id')
    .orderBy('tag')
    .execute();
  for (const r of rows) tags.set(r.member_id, [...(tags.get(r.member_id) ?? []), r.tag]);
  return tags;
}

export function memberById(db: Db, merchantId: string, memberId: string) {
  return db.kysely.selectFrom('members').selectAll().where('merchant_id', '=', merchantId).where('id', '=', memberId).executeTakeFirst();
}

export function handlesOf(db: Db, merchantId: string, memberId: string) {
  return db.kysely
    .selectFrom('member_handles')
    .select(['channel', 'handle'])
    .where('merchant_id', '=', merchantId)
    .where('member_id', '=', memberId)
    .orderBy('channel')
    .orderBy('handle')
    .execute();
}

/** The member's vouchers, newest first (a member holds a handful, not thousands). */
export function vouchersOfMember(db: Db, merchantId: string, memberId: string) {
  return db.kysely
    .selectFrom('vouchers as v')
    .innerJoin('campaigns as c', (j) => j.onRef('c.merchant_id', '=', 'v.merchant_id').onRef('c.id', '=', 'v.campaign_id'))
    .select(['v.id', 'v.code', 'v.campaign_id', 'c.title', 'v.status', 'v.uses', 'v.redeemed', 'v.valid_until'])
    .where('v.merchant_id', '=', merchantId)
    .where('v.member_id', '=', memberId)
    .orderBy('v.created_at', 'desc')
    .orderBy('v.id', 'desc')
    .limit(200)
    .execute();
}

/** A manager with no stores sees nothing: `in ('')` matches no row. */
function storeList(storeIds: readonly string[]): readonly string[] {
  return storeIds.length > 0 ? storeIds : [''];
}

export function memberSaleRows(db: Db, merchantId: string, memberId: string, storeIds: readonly string[] | null, after: readonly KeyValue[] | null, limit: number) {
  let select = db.kysely
    .selectFrom('sales as s')
    .select(['s.id', 's.store_id', 's.terminal_id', 's.cashier_id', 's.total_fen', 's.points_earned', 's.outcome', 's.device_time', 's.server_time'])
    .where('s.merchant_id', '=', merchantId)
    .where('s.member_id', '=', memberId);
  if (storeIds !== null) select = select.where('s.store_id', 'in', storeList(storeIds));
  if (after !== null) select = select.where(afterKey(MEMBER_SALES_ORDER, after));
  return select.orderBy('s.server_time', 'desc').orderBy('s.id', 'desc').limit(limit + 1).execute();
}

export function memberPointRows(db: Db, merchantId: string, memberId: string, storeIds: readonly string[] | null, after: readonly KeyValue[] | null, limit: number) {
  let select = db.kysely
    .selectFrom('member_points as p')
    .select(['p.id', 'p.delta', 'p.reason', 'p.sale_id', 'p.refund_id', 'p.store_id', 'p.at'])
    .where('p.merchant_id', '=', merchantId)
    .where('p.member_id', '=', memberId);
  if (storeIds !== null) select = select.where('p.store_id', 'in', storeList(storeIds));
  if (after !== null) select = select.where(afterKey(MEMBER_POINTS_ORDER, after));
  return select.orderBy('p.at', 'desc').orderBy('p.id', 'desc').limit(limit + 1).execute();
}

/** How many counter sales and redemptions of the member's vouchers there are (in the stores the caller sees). */
export async function memberCounts(db: Db, merchantId: string, memberId: string, storeIds: readonly string[] | null) {
  let sales = db.kysely.selectFrom('sales').select((eb) => eb.fn.countAll<number | string>().as('n')).where('merchant_id', '=', merchantId).where('member_id', '=', memberId);
  let redemptions = db.kysely
    .selectFrom('redemptions as r')
    .innerJoin('vouchers as v', (j) => j.onRef('v.merchant_id', '=', 'r.merchant_id').onRef('v.id', '=', 'r.voucher_id'))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('r.merchant_id', '=', merchantId)
    .where('v.member_id', '=', memberId);
  if (storeIds !== null) {
    sales = sales.where('store_id', 'in', storeList(storeIds));
    redemptions = redemptions.where('r.store_id', 'in', storeList(storeIds));
  }
  const [s, r] = await Promise.all([sales.executeTakeFirst(), redemptions.executeTakeFirst()]);
  return { sales: Number(s?.n ?? 0), redemptions: Number(r?.n ?? 0) };
}
