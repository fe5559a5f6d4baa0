import { sql, type CompiledQuery } from 'kysely';
import type { Db } from '../../db/database';
import type { MerchantRole } from '../../db/schema';

/**
 * On PostgreSQL, locks the merchant's active owners for the rest of the transaction, so two
 * concurrent changes cannot each see the other as the remaining owner. SQLite write transactions
 * are already serial.
 */
export function lockOwners(db: Db, merchantId: string): CompiledQuery[] {
  if (db.kind !== 'postgres') return [];
  return [
    db.kysely
      .selectFrom('merchant_users')
      .select('id')
      .where('merchant_id', '=', merchantId)
      .where('role', '=', 'owner')
      .where('disabled', '=', 0)
      .forUpdate()
      .compile(),
  ];
}

export interface UserChange {
  role?: MerchantRole;
  disabled?: boolean;
}

/**
 * Applies the change unless it would leave the merchant without an active owner: the user stays
 * an active owner afterwards, or another active owner exists. Zero rows affected means refused
 * (or no such user).
 */
export function updateUserKeepingAnOwner(db: Db, merchantId: string, userId: string, change: UserChange, at: string) {
  const set: { updated_at: string; role?: MerchantRole; disabled?: number } = { updated_at: at };
  if (change.role !== undefined) set.role = change.role;
  if (change.disabled !== undefined) set.disabled = change.disabled ? 1 : 0;
  const newRole = change.role ?? null;
  const newDisabled = change.disabled === undefined ? null : Number(change.disabled);
  const staysOwner = sql<boolean>`coalesce(${newRole}, role) = 'owner' and coalesce(${newDisabled}, disabled) = 0`;
  return db.kysely
    .updateTable('merchant_users')
    .set(set)
    .where('merchant_id', '=', merchantId)
    .where('id', '=', userId)
    .where((eb) =>
      eb.or([
        staysOwner,
        eb.exists(
          eb
            .selectFrom('merchant_users as o')
            .select(sql.lit(1).as('one'))
            .where('o.merchant_id', '=', merchantId)
            .where('o.id', '<>', userId)
            .where('o.role', '=', 'owner')
            .where('o.disabled', '=', 0),
        ),
      ]),
    );
}
