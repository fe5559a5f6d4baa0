import { generateVoucherCode } from '../../core/voucher-code';
import type { CampaignKind } from '../../core/redemption-api';
import type { Db } from '../db/database';
import { newId } from '../security/ids';
import { defaultMerchantCode } from '../use-cases/backoffice/merchant-code';
import { secureRandomBytes } from '../security/secrets';

/**
 * Creating merchants, stores, terminals, campaigns and vouchers. Used by the demo seed today and
 * by the back office later; each function is one statement or an idempotent batch.
 */

export async function createMerchant(db: Db, input: { name: string; code?: string; timeZone?: string; now?: Date }) {
  const id = newId();
  const merchant = { id, code: input.code ?? defaultMerchantCode(id), name: input.name, timeZone: input.timeZone ?? 'Asia/Shanghai' };
  await db.kysely
    .insertInto('merchants')
    .values({
      merchant_id: merchant.id,
      code: merchant.code,
      name: merchant.name,
      time_zone: merchant.timeZone,
      created_at: (input.now ?? new Date()).toISOString(),
    })
    .execute();
  return merchant;
}

export async function createStore(db: Db, merchantId: string, name: string) {
  const store = { id: newId(), name };
  await db.kysely
    .insertInto('stores')
    .values({ merchant_id: merchantId, id: store.id, name, created_at: new Date().toISOString() })
    .execute();
  return store;
}

export async function createTerminal(db: Db, merchantId: string, storeId: string, name: string) {
  const terminal = { id: newId(), name };
  await db.kysely
    .insertInto('terminals')
    .values({
      merchant_id: merchantId,
      id: terminal.id,
      store_id: storeId,
      name,
      token_hash: null,
      pairing_code_hash: null,
      pairing_expires_at: null,
      paired_at: null,
      created_at: new Date().toISOString(),
    })
    .execute();
  return terminal;
}

export interface CampaignInput {
  kind: CampaignKind;
  title: string;
  priceFen: number;
  faceValueFen: number;
  usesPerVoucher: number;
  validFrom: Date;
  validUntil: Date;
  storeIds: readonly string[];
}

export async function createCampaign(db: Db, merchantId: string, input: CampaignInput) {
  const id = newId();
  await db.kysely
    .insertInto('campaigns')
    .values({
      merchant_id: merchantId,
      id,
      kind: input.kind,
      title: input.title,
      price_fen: input.priceFen,
      face_value_fen: input.faceValueFen,
      uses_per_voucher: input.usesPerVoucher,
      valid_from: input.validFrom.toISOString(),
      valid_until: input.validUntil.toISOString(),
      created_at: new Date().toISOString(),
    })
    .execute();
  if (input.storeIds.length > 0) {
    await db.kysely
      .insertInto('campaign_stores')
      .values(input.storeIds.map((storeId) => ({ merchant_id: merchantId, campaign_id: id, store_id: storeId })))
      .execute();
  }
  return { id, ...input };
}

export interface IssueOptions {
  count: number;
  /** Defaults to the campaign's. */
  uses?: number;
  validFrom?: Date;
  validUntil?: Date;
  buyerPhones?: readonly string[];
  homeStoreId?: string | null;
  /** Fixed codes (tests); otherwise drawn from a CSPRNG. */
  codes?: readonly string[];
}

export interface IssuedVoucher {
  id: string;
  code: string;
}

const CHUNK = 500;

/** Issues vouchers of a campaign with unique codes; a drawn code already in use is drawn again. */
export async function issueVouchers(
  db: Db,
  merchantId: string,
  campaign: { id: string; usesPerVoucher: number; validFrom: Date; validUntil: Date },
  options: IssueOptions,
): Promise<IssuedVoucher[]> {
  const issued: IssuedVoucher[] = [];
  const now = new Date().toISOString();
  while (issued.length < options.count) {
    const batch = Array.from({ length: Math.min(CHUNK, options.count - issued.length) }, (_, i) => {
      const n = issued.length + i;
      return {
        merchant_id: merchantId,
        id: newId(),
        campaign_id: campaign.id,
        code: options.codes?.[n] ?? generateVoucherCode(secureRandomBytes),
        uses: options.uses ?? campaign.usesPerVoucher,
        redeemed: 0,
        status: 'active' as const,
        valid_from: (options.validFrom ?? campaign.validFrom).toISOString(),
        valid_until: (options.validUntil ?? campaign.validUntil).toISOString(),
        buyer_phone: options.buyerPhones?.[n % options.buyerPhones.length] ?? null,
        home_store_id: options.homeStoreId ?? null,
        created_at: now,
        updated_at: now,
      };
    });
    const inserted = await db.kysely
      .insertInto('vouchers')
      .values(batch)
      .onConflict((oc) => oc.columns(['merchant_id', 'code']).doNothing())
      .returning(['id', 'code'])
      .execute();
    if (options.codes && inserted.length < batch.length) throw new Error('a fixed voucher code already exists');
    issued.push(...inserted);
  }
  return issued;
}
