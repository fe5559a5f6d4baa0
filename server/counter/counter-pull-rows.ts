import type { CatalogCategoryRow, CatalogItemRow, Change, MemberRow, TerminalUserRow } from '../../core/sync';
import type { DbKind } from '../db/db-kind';
import { first, inJsonList, num, rows, str, strOrNull, type Steps } from '../sync/sql/steps';
import { counterSettingsRow } from './counter-settings';

/** The counter's row kinds in the order a first sync lists them: the merchant's settings (one row) first. */
export const COUNTER_KINDS = ['counter_settings', 'catalog_category', 'catalog_item', 'member', 'terminal_user'] as const;
export type CounterKind = (typeof COUNTER_KINDS)[number];
/** The kinds read from a table of their own, row by row. */
type TableKind = Exclude<CounterKind, 'counter_settings'>;

export function isCounterKind(kind: string): kind is CounterKind {
  return (COUNTER_KINDS as readonly string[]).includes(kind);
}

interface Listed {
  id: string;
  data: unknown;
  visible: boolean;
}

/**
 * Counted when the row is read (vouchers_member_idx), so expiry needs no job: the change log
 * resends the member when one of its vouchers stops or starts being usable (migration 006).
 */
const HELD_VOUCHERS = `SELECT count(*) FROM vouchers AS v
  WHERE v.merchant_id = m.merchant_id AND v.member_id = m.id AND v.status = 'active' AND v.redeemed < v.uses AND v.valid_until > ?`;
const ITEM = `SELECT i.id, i.category_id, i.name, i.pinyin_initials, i.barcode, i.price_fen, i.tax_free, i.active,
  coalesce((SELECT s.available FROM catalog_item_stores AS s WHERE s.merchant_id = i.merchant_id AND s.item_id = i.id AND s.store_id = ?), 1) AS available
  FROM catalog_items AS i`;
const MEMBER = `SELECT m.*, (SELECT ${'string_agg'}(a.alias_id, ',') FROM member_aliases AS a WHERE a.merchant_id = m.merchant_id AND a.member_id = m.id AND a.alias_id <> m.id) AS aliases,
  (${HELD_VOUCHERS}) AS vouchers_held
  FROM members AS m`;
const USER = `SELECT id, store_id, name, role, pin_verifier, active FROM terminal_users`;

function memberSql(kind: DbKind): string {
  return kind === 'postgres' ? MEMBER : MEMBER.replace('string_agg', 'group_concat');
}

function toListed(kind: TableKind, r: Record<string, unknown>, storeId: string): Listed {
  const id = str(r, 'id');
  switch (kind) {
    case 'catalog_category':
      return { id, visible: true, data: { categoryId: id, name: str(r, 'name'), sort: num(r, 'sort') } satisfies CatalogCategoryRow };
    case 'catalog_item': {
      const data: CatalogItemRow = {
        itemId: id, categoryId: str(r, 'category_id'), name: str(r, 'name'), initials: str(r, 'pinyin_initials'), barcode: strOrNull(r, 'barcode'),
        priceFen: num(r, 'price_fen'), taxFree: num(r, 'tax_free') === 1, available: num(r, 'available') === 1,
      };
      return { id, visible: num(r, 'active') === 1, data };
    }
    case 'member': {
      const data: MemberRow = {
        memberId: id, phone: str(r, 'phone'), name: strOrNull(r, 'name'), gender: str(r, 'gender') as MemberRow['gender'], birthday: strOrNull(r, 'birthday'),
        note: strOrNull(r, 'note'), level: str(r, 'level'), points: num(r, 'points'), visits: num(r, 'visits'), version: num(r, 'version'),
        aliasIds: (strOrNull(r, 'aliases') ?? '').split(',').filter((a) => a !== ''), vouchersHeld: num(r, 'vouchers_held'),
      };
      return { id, visible: true, data };
    }
    case 'terminal_user': {
      const data: TerminalUserRow = { userId: id, storeId: str(r, 'store_id'), name: str(r, 'name'), role: str(r, 'role') as TerminalUserRow['role'], pinVerifier: str(r, 'pin_verifier') };
      return { id, visible: num(r, 'active') === 1 && data.storeId === storeId, data };
    }
  }
}

/** Listed whether the owner saved settings or not: until then terminals use the server's defaults. */
function* settingsListed(merchantId: string): Steps<Listed> {
  return { id: merchantId, visible: true, data: yield* counterSettingsRow(merchantId) };
}

interface ReadScope {
  storeId: string;
  nowIso: string;
}

function* read(kind: DbKind, k: TableKind, where: string, params: unknown[], scope: ReadScope, tail: string): Steps<Listed[]> {
  const base = k === 'catalog_category' ? `SELECT id, name, sort FROM catalog_categories` : k === 'catalog_item' ? ITEM : k === 'member' ? memberSql(kind) : USER;
  const alias = k === 'catalog_item' ? 'i.' : k === 'member' ? 'm.' : '';
  const selectParams = k === 'catalog_item' ? [scope.storeId] : k === 'member' ? [scope.nowIso] : [];
  const found = yield* rows(`${base} WHERE ${alias}merchant_id = ? AND ${where.replaceAll('@', alias)} ${tail}`, [...selectParams, ...params]);
  return found.map((r) => toListed(k, r, scope.storeId));
}

/** One snapshot page of a kind, by id; hidden rows (withdrawn items, other stores' users) are left out. */
export function* counterPage(kind: DbKind, k: CounterKind, merchantId: string, scope: ReadScope, afterId: string, limit: number): Steps<{ changes: Change[]; count: number; lastId: string }> {
  if (k === 'counter_settings') {
    const listed = afterId === '' ? [yield* settingsListed(merchantId)] : [];
    return { changes: listed.map((l) => ({ kind: k, id: l.id, op: 'upsert', data: l.data })), count: listed.length, lastId: listed[0]?.id ?? afterId };
  }
  const extra = k === 'catalog_item' ? ' AND i.active = 1' : k === 'terminal_user' ? ' AND store_id = ? AND active = 1' : '';
  const params = k === 'terminal_user' ? [merchantId, afterId, scope.storeId, limit] : [merchantId, afterId, limit];
  const listed = yield* read(kind, k, `@id > ?${extra}`, params, scope, `ORDER BY ${k === 'catalog_item' ? 'i.' : k === 'member' ? 'm.' : ''}id LIMIT ?`);
  return { changes: listed.map((l) => ({ kind: k, id: l.id, op: 'upsert', data: l.data })), count: listed.length, lastId: listed.at(-1)?.id ?? afterId };
}

/** Current state of changed rows for the tail; a row the store can no longer see comes back hidden. */
export function* counterRowsByIds(kind: DbKind, k: CounterKind, merchantId: string, scope: ReadScope, ids: string[]): Steps<Listed[]> {
  if (k === 'counter_settings') return ids.includes(merchantId) ? [yield* settingsListed(merchantId)] : [];
  return yield* read(kind, k, `@id ${inJsonList(kind)}`, [merchantId, JSON.stringify(ids)], scope, '');
}

export function* counterSnapshotTotal(merchantId: string, storeId: string): Steps<number> {
  const n = function* (sql: string, params: unknown[]) {
    return Number((yield* first(sql, params))?.['n'] ?? 0);
  };
  return (
    1 +
    (yield* n(`SELECT count(*) AS n FROM catalog_categories WHERE merchant_id = ?`, [merchantId])) +
    (yield* n(`SELECT count(*) AS n FROM catalog_items WHERE merchant_id = ? AND active = 1`, [merchantId])) +
    (yield* n(`SELECT count(*) AS n FROM members WHERE merchant_id = ?`, [merchantId])) +
    (yield* n(`SELECT count(*) AS n FROM terminal_users WHERE merchant_id = ? AND store_id = ? AND active = 1`, [merchantId, storeId]))
  );
}
