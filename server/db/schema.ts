import type { CampaignKind, VoucherStatus } from '../../core/redemption-api';

/**
 * Row shapes as Kysely sees them. Instants are ISO-8601 UTC strings on both dialects
 * (text on SQLite; timestamptz on PostgreSQL, parsed back to ISO by the pool's type parser).
 */
export type Instant = string;

export interface MerchantsTable {
  merchant_id: string;
  name: string;
  time_zone: string;
  created_at: Instant;
}

export interface StoresTable {
  merchant_id: string;
  id: string;
  name: string;
  created_at: Instant;
}

export interface TerminalsTable {
  merchant_id: string;
  id: string;
  store_id: string;
  name: string;
  token_hash: string | null;
  pairing_code_hash: string | null;
  pairing_expires_at: Instant | null;
  paired_at: Instant | null;
  created_at: Instant;
}

export interface CampaignsTable {
  merchant_id: string;
  id: string;
  kind: CampaignKind;
  title: string;
  price_fen: number;
  face_value_fen: number;
  uses_per_voucher: number;
  valid_from: Instant;
  valid_until: Instant;
  created_at: Instant;
}

export interface CampaignStoresTable {
  merchant_id: string;
  campaign_id: string;
  store_id: string;
}

export interface VouchersTable {
  merchant_id: string;
  id: string;
  campaign_id: string;
  code: string;
  uses: number;
  redeemed: number;
  status: VoucherStatus;
  valid_from: Instant;
  valid_until: Instant;
  buyer_phone: string | null;
  /** When set, the voucher is redeemable only at this store (and only if its campaign lists it). */
  home_store_id: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export type RedemptionMode = 'online' | 'offline';
export type RedemptionOutcome = 'accepted' | 'conflict' | 'rejected';

/** Append-only ledger: a correction is a new row, never an update. */
export interface RedemptionsTable {
  merchant_id: string;
  redemption_id: string;
  voucher_id: string;
  count: number;
  store_id: string;
  terminal_id: string;
  cashier_id: string | null;
  device_time: Instant;
  server_time: Instant;
  mode: RedemptionMode;
  outcome: RedemptionOutcome;
  remaining_after: number;
  request_fingerprint: string;
}

export interface AuditLogTable {
  merchant_id: string;
  id: string;
  at: Instant;
  actor_type: 'terminal' | 'system' | 'user';
  actor_id: string | null;
  action: string;
  subject_id: string | null;
  /** JSON text; never holds a full voucher code, a token or a pairing code. */
  details: string;
}

export interface Database {
  merchants: MerchantsTable;
  stores: StoresTable;
  terminals: TerminalsTable;
  campaigns: CampaignsTable;
  campaign_stores: CampaignStoresTable;
  vouchers: VouchersTable;
  redemptions: RedemptionsTable;
  audit_log: AuditLogTable;
}
