import { sql, type CompiledQuery } from 'kysely';
import type { Db } from '../../db/database';

/**
 * Whether the campaign has sold: an order that did not simply expire, or a voucher issued. One
 * row with `sold` 0 or 1.
 */
export function selectHasSold(db: Db, merchantId: string, campaignId: string): CompiledQuery {
  return db.kysely
    .selectNoFrom((eb) =>
      eb
        .case()
        .when(
          eb.or([
            eb.exists(
              eb
                .selectFrom('orders')
                .select(sql.lit(1).as('one'))
                .where('merchant_id', '=', merchantId)
                .where('campaign_id', '=', campaignId)
                .where('state', '<>', 'expired'),
            ),
            eb.exists(
              eb
                .selectFrom('vouchers')
                .select(sql.lit(1).as('one'))
                .where('merchant_id', '=', merchantId)
                .where('campaign_id', '=', campaignId),
            ),
          ]),
        )
        .then(1)
        .else(0)
        .end()
        .as('sold'),
    )
    .compile();
}

/** Of `storeIds`, the stores where vouchers of the campaign were redeemed (the ledger says so). */
export function selectStoresWithRedemptions(
  db: Db,
  merchantId: string,
  campaignId: string,
  storeIds: readonly string[],
): CompiledQuery {
  return db.kysely
    .selectFrom('redemptions as r')
    .innerJoin('vouchers as v', (j) => j.onRef('v.merchant_id', '=', 'r.merchant_id').onRef('v.id', '=', 'r.voucher_id'))
    .select('r.store_id')
    .distinct()
    .where('r.merchant_id', '=', merchantId)
    .where('v.campaign_id', '=', campaignId)
    .where('r.outcome', '=', 'accepted')
    .where('r.store_id', 'in', storeIds.length > 0 ? storeIds : [''])
    .orderBy('r.store_id')
    .compile();
}

/** Which of `storeIds` are stores of this merchant. */
export function selectKnownStores(db: Db, merchantId: string, storeIds: readonly string[]): CompiledQuery {
  return db.kysely
    .selectFrom('stores')
    .select('id')
    .where('merchant_id', '=', merchantId)
    .where('id', 'in', storeIds.length > 0 ? storeIds : [''])
    .compile();
}
