import type { Db } from '../../db/database';
import type { MerchantRole } from '../../db/schema';
import { afterKey, decodeCursor, toPage, type KeysetOrder, type Page } from '../../db/keyset-page';
import { ok } from '../../../core/result';
import type { Outcome } from '../../use-cases/outcome';

/** A back-office user as the API shows it: never the password hash. */
export interface MerchantUser {
  id: string;
  login: string;
  name: string;
  role: MerchantRole;
  disabled: boolean;
  /** A manager's assigned stores; empty for the other roles. */
  storeIds: string[];
  createdAt: string;
  updatedAt: string;
}

const USER_COLUMNS = ['id', 'login', 'name', 'role', 'disabled', 'created_at', 'updated_at'] as const;

type UserRow = {
  id: string;
  login: string;
  name: string;
  role: MerchantRole;
  disabled: number;
  created_at: string;
  updated_at: string;
};

function toUser(row: UserRow, storeIds: ReadonlyMap<string, string[]>): MerchantUser {
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    role: row.role,
    disabled: Number(row.disabled) === 1,
    storeIds: storeIds.get(row.id) ?? [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const USER_ORDER: KeysetOrder = { columns: ['created_at', 'id'], direction: 'asc' };

/** Assigned store ids by user, for the given users of one merchant. */
async function storeIdsOf(db: Db, merchantId: string, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db.kysely
    .selectFrom('merchant_user_stores')
    .select(['user_id', 'store_id'])
    .where('merchant_id', '=', merchantId)
    .where('user_id', 'in', [...userIds])
    .orderBy('store_id')
    .execute();
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.store_id]);
  return byUser;
}

export async function listMerchantUsers(
  db: Db,
  merchantId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Outcome<Page<MerchantUser>>> {
  let query = db.kysely.selectFrom('merchant_users').select(USER_COLUMNS).where('merchant_id', '=', merchantId);
  if (page.cursor) {
    const key = decodeCursor(page.cursor, USER_ORDER);
    if (!key.ok) return key;
    query = query.where(afterKey(USER_ORDER, key.value));
  }
  const rows = await query.orderBy('created_at').orderBy('id').limit(page.limit + 1).execute();
  const stores = await storeIdsOf(db, merchantId, rows.map((r) => r.id));
  return ok(toPage(rows, page.limit, (r) => [r.created_at, r.id], (r) => toUser(r, stores)));
}

export async function findMerchantUser(db: Db, merchantId: string, userId: string): Promise<MerchantUser | undefined> {
  const row = await db.kysely
    .selectFrom('merchant_users')
    .select(USER_COLUMNS)
    .where('merchant_id', '=', merchantId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row ? toUser(row, await storeIdsOf(db, merchantId, [row.id])) : undefined;
}

/** What a login attempt needs about the user behind a login name, across merchants. */
export interface LoginCandidate {
  merchantId: string;
  userId: string;
  passwordHash: string;
  disabled: boolean;
  lockedUntil: string | null;
}

/** The user signing in as `login` at the merchant whose sign-in code is `merchantCode`. */
export async function findLoginCandidate(db: Db, merchantCode: string, login: string): Promise<LoginCandidate | undefined> {
  const row = await db.kysely
    .selectFrom('merchant_users as u')
    .innerJoin('merchants as m', 'm.merchant_id', 'u.merchant_id')
    .select(['u.merchant_id', 'u.id', 'u.password_hash', 'u.disabled', 'u.locked_until'])
    .where('m.code', '=', merchantCode)
    .where('u.login', '=', login)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    merchantId: row.merchant_id,
    userId: row.id,
    passwordHash: row.password_hash,
    disabled: Number(row.disabled) === 1,
    lockedUntil: row.locked_until,
  };
}

export interface NewMerchantUser {
  merchantId: string;
  id: string;
  login: string;
  name: string;
  role: MerchantRole;
  passwordHash: string;
  at: string;
}

export function insertMerchantUser(db: Db, user: NewMerchantUser) {
  return db.kysely.insertInto('merchant_users').values({
    merchant_id: user.merchantId,
    id: user.id,
    login: user.login,
    name: user.name,
    role: user.role,
    password_hash: user.passwordHash,
    disabled: 0,
    failed_logins: 0,
    locked_until: null,
    created_at: user.at,
    updated_at: user.at,
  });
}

export function clearLoginFailures(db: Db, user: LoginCandidate) {
  return db.kysely
    .updateTable('merchant_users')
    .set({ failed_logins: 0, locked_until: null })
    .where('merchant_id', '=', user.merchantId)
    .where('id', '=', user.userId);
}

export async function findPasswordHash(db: Db, merchantId: string, userId: string): Promise<string | undefined> {
  const row = await db.kysely
    .selectFrom('merchant_users')
    .select('password_hash')
    .where('merchant_id', '=', merchantId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.password_hash;
}

export function updatePasswordHash(db: Db, merchantId: string, userId: string, passwordHash: string, at: string) {
  return db.kysely
    .updateTable('merchant_users')
    .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null, updated_at: at })
    .where('merchant_id', '=', merchantId)
    .where('id', '=', userId);
}
