import type { CompiledQuery } from 'kysely';
import { CampaignValidityRules } from '../../../core/campaign-rules';
import { GroupPriceTier } from '../../../core/group-price';
import type { Db } from '../../db/database';
import type { CampaignKind as Kind } from '../../../core/redemption-api';
import type { CampaignStatus } from '../../db/schema';

/** A campaign as the back office reads and writes it (stores and JSON already decoded). */
export interface CampaignRecord {
  id: string;
  status: CampaignStatus;
  kind: Kind;
  title: string;
  priceFen: number;
  faceValueFen: number;
  minSpendFen: number | null;
  usesPerVoucher: number;
  totalStock: number | null;
  soldCount: number;
  perBuyerLimit: number | null;
  saleStartsAt: string | null;
  saleEndsAt: string | null;
  validity: CampaignValidityRules;
  validFrom: string;
  validUntil: string;
  groupPriceTiers: GroupPriceTier[] | null;
  paymentWindowSeconds: number;
  storeIds: string[];
  createdAt: string;
  updatedAt: string | null;
  /** When the sale was paused; null when it is not. */
  pausedAt: string | null;
}

const COLUMNS = [
  'id',
  'status',
  'kind',
  'title',
  'price_fen',
  'face_value_fen',
  'min_spend_fen',
  'uses_per_voucher',
  'total_stock',
  'sold_count',
  'per_buyer_limit',
  'sale_starts_at',
  'sale_ends_at',
  'validity_rules',
  'valid_from',
  'valid_until',
  'group_price_tiers',
  'payment_window_seconds',
  'created_at',
  'updated_at',
  'paused_at',
] as const;

/**
 * The campaign row; with `lock`, locked against concurrent sales and edits until the transaction
 * ends (PostgreSQL; SQLite write transactions are serial anyway).
 */
export function selectCampaign(db: Db, merchantId: string, campaignId: string, lock: boolean): CompiledQuery {
  const query = db.kysely
    .selectFrom('campaigns')
    .select(COLUMNS)
    .where('merchant_id', '=', merchantId)
    .where('id', '=', campaignId);
  return (lock && db.kind === 'postgres' ? query.forNoKeyUpdate() : query).compile();
}

/** One campaign of the merchant with its stores, outside any transaction. */
export async function findCampaign(db: Db, merchantId: string, campaignId: string): Promise<CampaignRecord | undefined> {
  const row = (await db.kysely.executeQuery(selectCampaign(db, merchantId, campaignId, false))).rows[0] as Row | undefined;
  if (!row) return undefined;
  const stores = await db.kysely.executeQuery(selectCampaignStores(db, merchantId, [campaignId]));
  return toCampaignRecord(row, stores.rows as Row[]);
}

export function selectCampaignStores(db: Db, merchantId: string, campaignIds: readonly string[]): CompiledQuery {
  return db.kysely
    .selectFrom('campaign_stores')
    .select(['campaign_id', 'store_id'])
    .where('merchant_id', '=', merchantId)
    .where('campaign_id', 'in', campaignIds.length > 0 ? campaignIds : [''])
    .orderBy('store_id')
    .compile();
}

/** The merchant's campaigns, newest first. */
export async function listCampaigns(db: Db, merchantId: string, status?: CampaignStatus): Promise<CampaignRecord[]> {
  let query = db.kysely.selectFrom('campaigns').select(COLUMNS).where('merchant_id', '=', merchantId);
  if (status) query = query.where('status', '=', status);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  const stores = await db.kysely.executeQuery(selectCampaignStores(db, merchantId, rows.map((r) => r.id)));
  return rows.map((row) => toCampaignRecord(row, stores.rows as Row[]));
}

type Row = Record<string, unknown>;

export function toCampaignRecord(row: Row, storeRows: readonly Row[]): CampaignRecord {
  const id = String(row['id']);
  return {
    id,
    status: row['status'] as CampaignStatus,
    kind: row['kind'] as Kind,
    title: String(row['title']),
    priceFen: Number(row['price_fen']),
    faceValueFen: Number(row['face_value_fen']),
    minSpendFen: intOrNull(row['min_spend_fen']),
    usesPerVoucher: Number(row['uses_per_voucher']),
    totalStock: intOrNull(row['total_stock']),
    soldCount: Number(row['sold_count']),
    perBuyerLimit: intOrNull(row['per_buyer_limit']),
    saleStartsAt: textOrNull(row['sale_starts_at']),
    saleEndsAt: textOrNull(row['sale_ends_at']),
    validity: parseJson(CampaignValidityRules, row['validity_rules']) ?? {},
    validFrom: String(row['valid_from']),
    validUntil: String(row['valid_until']),
    groupPriceTiers: parseJson(GroupPriceTier.array(), row['group_price_tiers']),
    paymentWindowSeconds: Number(row['payment_window_seconds']),
    storeIds: storeRows.filter((s) => s['campaign_id'] === id).map((s) => String(s['store_id'])),
    createdAt: String(row['created_at']),
    updatedAt: textOrNull(row['updated_at']),
    pausedAt: textOrNull(row['paused_at']),
  };
}

function intOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function parseJson<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, value: unknown): T | null {
  if (typeof value !== 'string') return null;
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
