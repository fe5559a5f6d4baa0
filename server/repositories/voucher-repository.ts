import { sql } from 'kysely';
import type { CampaignKind, VoucherStatus } from '../../core/redemption-api';
import type { CampaignValidityRules } from '../../core/campaign-rules';
import type { Db } from '../db/database';
import { parseValidityRules } from './sales/campaign-directory';

/** A voucher with its campaign, seen from one store. */
export interface VoucherAtStore {
  id: string;
  code: string;
  campaignId: string;
  campaignTitle: string;
  kind: CampaignKind;
  faceValueFen: number;
  uses: number;
  redeemed: number;
  status: VoucherStatus;
  validFrom: string;
  validUntil: string;
  buyerPhone: string | null;
  /** The campaign lists this store and the voucher is not tied to another one. */
  allowedAtStore: boolean;
  /** The campaign's weekday/hour/blackout rules, read in the merchant's time zone. */
  validityRules: CampaignValidityRules;
  timeZone: string;
  /** When another store holds the voucher's offline lease: until when (server/sync). */
  leasedElsewhereUntil: string | null;
}

export async function findVoucherAtStore(
  db: Db,
  merchantId: string,
  code: string,
  storeId: string,
): Promise<VoucherAtStore | undefined> {
  const row = await db.kysely
    .selectFrom('vouchers as v')
    .innerJoin('campaigns as c', (j) => j.onRef('c.merchant_id', '=', 'v.merchant_id').onRef('c.id', '=', 'v.campaign_id'))
    .innerJoin('merchants as m', 'm.merchant_id', 'v.merchant_id')
    .select((eb) => [
      'v.id',
      'v.code',
      'v.campaign_id',
      'c.title',
      'c.kind',
      'c.face_value_fen',
      'v.uses',
      'v.redeemed',
      'v.status',
      'v.valid_from',
      'v.valid_until',
      'v.buyer_phone',
      'c.validity_rules',
      'm.time_zone',
      'v.lease_store_id',
      'v.lease_expires_at',
      eb
        .case()
        .when(
          eb.and([
            eb.or([eb('v.home_store_id', 'is', null), eb('v.home_store_id', '=', storeId)]),
            eb.exists(
              eb
                .selectFrom('campaign_stores as cs')
                .select(sql.lit(1).as('one'))
                .whereRef('cs.merchant_id', '=', 'v.merchant_id')
                .whereRef('cs.campaign_id', '=', 'v.campaign_id')
                .where('cs.store_id', '=', storeId),
            ),
          ]),
        )
        .then(1)
        .else(0)
        .end()
        .as('allowed_at_store'),
    ])
    .where('v.merchant_id', '=', merchantId)
    .where('v.code', '=', code)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    code: row.code,
    campaignId: row.campaign_id,
    campaignTitle: row.title,
    kind: row.kind,
    faceValueFen: row.face_value_fen,
    uses: row.uses,
    redeemed: row.redeemed,
    status: row.status,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    buyerPhone: row.buyer_phone,
    allowedAtStore: Number(row.allowed_at_store) === 1,
    validityRules: parseValidityRules(row.validity_rules),
    timeZone: row.time_zone,
    leasedElsewhereUntil: row.lease_store_id !== null && row.lease_store_id !== storeId ? row.lease_expires_at : null,
  };
}
