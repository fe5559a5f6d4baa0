import type { Generated } from 'kysely';
import type { CampaignKind, VoucherStatus } from '../../core/redemption-api';
import type { CounterTables, Int8 } from './counter-schema';

/**
 * Row shapes as Kysely sees them. Instants are ISO-8601 UTC strings on both dialects
 * (text on SQLite; timestamptz on PostgreSQL, parsed back to ISO by the pool's type parser).
 */
export type Instant = string;

export interface MerchantsTable {
  merchant_id: string;
  /** Sign-in code (migration 016): unique, typed with a back-office login to name the merchant. */
  code: string;
  name: string;
  time_zone: string;
  created_at: Instant;
}

export interface StoresTable {
  merchant_id: string;
  id: string;
  name: string;
  created_at: Instant;
  /** Migration 012. */
  address: Generated<string>;
  /** IANA name; null only for rows written before 012 by code that does not set it. */
  time_zone: string | null;
  /** JSON of weekday → `{ open, close }` | null (closed); null = not set. */
  business_hours: string | null;
  /** 0 or 1. */
  active: Generated<number>;
  updated_at: Instant | null;
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
  /** Migration 012: 0 or 1; a disabled till's token is refused until it is enabled. */
  disabled: Generated<number>;
  revoked_at: Generated<Instant | null>;
  /** What the till last told the server on a sync request. */
  last_seen_at: Generated<Instant | null>;
  last_sync_at: Generated<Instant | null>;
  pending_outbox: Generated<number | null>;
  app_version: Generated<string | null>;
  /** When the terminal last got an answer to a push or pull (009). */
  last_contact_at: Instant | null;
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
  /** Units for sale; null = unlimited. */
  total_stock: number | null;
  /** Units reserved or paid; expiry gives units back, a refund does not. */
  sold_count: Generated<number>;
  /** Units one buyer may hold, counted by phone and by handle; null = no limit. */
  per_buyer_limit: number | null;
  sale_starts_at: Instant | null;
  sale_ends_at: Instant | null;
  /** How long a reservation waits for payment. */
  payment_window_seconds: Generated<number>;
  /** JSON of core `CampaignValidityRules`; `{}` restricts nothing beyond valid_from/valid_until. */
  validity_rules: Generated<string>;
  /** JSON of core `GroupPriceTier[]`, or null. */
  group_price_tiers: string | null;
  /** Cash vouchers: the bill must reach this many fen. */
  min_spend_fen: number | null;
  status: Generated<CampaignStatus>;
  updated_at: Instant | null;
  /** Set while a published campaign's sale is paused by the merchant (migration 014). */
  paused_at: Generated<Instant | null>;
}

export type CampaignStatus = 'draft' | 'published' | 'ended';

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
  order_id: string | null;
  member_id: string | null;
  /** Signed QR token (core/voucher-qr); it carries the code, so treat it like the code. */
  qr_token: string | null;
  /** The store holding this voucher's lease (sync), copied here so one conditional update sees it. */
  lease_id: Generated<string | null>;
  lease_store_id: Generated<string | null>;
  lease_expires_at: Generated<Instant | null>;
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
  /** Offline only: how far the device clock was off when it pushed (server − device, ms), if known. */
  clock_skew_ms: Generated<number | null>;
  offline_basis: Generated<'lease' | 'provisional' | null>;
}

/** A terminal's accepted provisional redemptions summed per push (kept by a trigger on `redemptions`). */
export interface OfflineTalliesTable {
  merchant_id: string;
  terminal_id: string;
  server_time: Instant;
  uses: number;
  value_fen: number;
  last_device_time: Instant;
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
  /** Migration 012: the store the entry is about, when the writer knew it. */
  store_id: Generated<string | null>;
}

export interface MembersTable {
  merchant_id: string;
  id: string;
  phone: string;
  first_order_id: string | null;
  created_at: Instant;
  updated_at: Instant;
  /** Counter fields (migration 005); `points` is the running sum of `member_points`. */
  name: string | null;
  gender: Generated<'female' | 'male' | 'unknown'>;
  birthday: string | null;
  note: string | null;
  level: Generated<string>;
  points: Generated<Int8>;
  visits: Generated<number>;
  version: Generated<number>;
  /** JSON: the member version at which each field was last written. */
  field_versions: Generated<string>;
  home_store_id: string | null;
}

export interface MemberHandlesTable {
  merchant_id: string;
  channel: string;
  handle: string;
  member_id: string;
  created_at: Instant;
}

export type OrderState = 'reserved' | 'paid' | 'expired' | 'refunded' | 'partly_refunded';

export interface OrdersTable {
  merchant_id: string;
  id: string;
  campaign_id: string;
  /** Where the buyer came from; `flash_sale` for orders placed through our own API without one. */
  channel: string;
  /** The channel's order id; null for our own flash-sale orders. Unique per merchant and channel. */
  external_order_id: string | null;
  buyer_phone: string;
  buyer_handle: string | null;
  member_id: string | null;
  quantity: number;
  unit_price_fen: number;
  state: OrderState;
  refunded_quantity: Generated<number>;
  /** Reservation deadline while `reserved`. */
  expires_at: Instant | null;
  paid_at: Instant | null;
  refunded_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface BuyerCountersTable {
  merchant_id: string;
  campaign_id: string;
  buyer_kind: 'phone' | 'handle';
  /** The phone, or `channel:handle`. */
  buyer_key: string;
  units: number;
}

export interface ChannelSecretsTable {
  merchant_id: string;
  channel: string;
  id: string;
  /** The secret, sealed with the key-encryption key when `sealed` is 1 (plain text in rows made before migration 014). */
  secret: string;
  status: 'active' | 'retired';
  created_at: Instant;
  retired_at: Instant | null;
  sealed: Generated<number>;
  /** A retired secret still signs until then (rotation grace); null: no longer valid once retired. */
  not_after: Generated<Instant | null>;
}

export interface ChannelEventsTable {
  merchant_id: string;
  channel: string;
  event_id: string;
  event_type: string;
  external_order_id: string;
  order_id: string | null;
  payload_sha256: string;
  /** JSON of the answer given, returned again to a replay. */
  result: string;
  received_at: Instant;
}

export interface MerchantKeysTable {
  merchant_id: string;
  kid: string;
  /** base64url of the 32-byte Ed25519 public key. */
  public_key: string;
  /** The 32-byte seed sealed with the server's key-encryption key; never leaves the server. */
  private_key_enc: string;
  status: 'active' | 'retired';
  /** A retired key verifies QR tokens until then. */
  not_after: Instant | null;
  created_at: Instant;
  retired_at: Instant | null;
}

export type NotificationState = 'queued' | 'sent' | 'delivered' | 'failed';

export interface NotificationsTable {
  merchant_id: string;
  id: string;
  /** Unique per merchant: one message per business event (`voucher-issued:<voucherId>`, …). */
  event_key: string;
  voucher_id: string | null;
  order_id: string | null;
  channel: 'sms' | 'dm';
  recipient: string;
  template: string;
  /** JSON template parameters, without the voucher code (rendered from the voucher at send time). */
  params: string;
  state: NotificationState;
  attempts: Generated<number>;
  next_attempt_at: Instant;
  lease_owner: string | null;
  lease_until: Instant | null;
  provider: string | null;
  provider_message_id: string | null;
  last_error: string | null;
  created_at: Instant;
  updated_at: Instant;
  sent_at: Instant | null;
  delivered_at: Instant | null;
}

export type MerchantRole = 'owner' | 'manager' | 'finance' | 'support';

/** A manager's stores (migration 012): a manager sees and runs only these. */
export interface MerchantUserStoresTable {
  merchant_id: string;
  user_id: string;
  store_id: string;
  created_at: Instant;
}

/** A back-office user of one merchant; `login` is unique across merchants. */
export interface MerchantUsersTable {
  merchant_id: string;
  id: string;
  /** Lower-case e-mail address or 11 mainland mobile digits. */
  login: string;
  name: string;
  role: MerchantRole;
  /** `scrypt$N$r$p$salt$key` (server/security/password). */
  password_hash: string;
  /** 0 or 1. */
  disabled: number;
  /** Failed logins in a row since the last success or lockout. */
  failed_logins: number;
  locked_until: Instant | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface MerchantSessionsTable {
  /** SHA-256 of the bearer token; the token itself is never stored. */
  token_hash: string;
  merchant_id: string;
  user_id: string;
  created_at: Instant;
  expires_at: Instant;
  revoked_at: Instant | null;
}

/** The group price a campaign settled at, fixed once when its sale is over. */
export interface GroupPriceSettlementsTable {
  merchant_id: string;
  campaign_id: string;
  list_price_fen: number;
  /** Distinct buyers (by phone) holding paid, unrefunded units when it was settled. */
  buyer_count: number;
  /** The tier reached, or null when the list price stands. */
  tier_min_buyers: number | null;
  final_price_fen: number;
  refund_count: number;
  total_refund_fen: number;
  settled_at: Instant;
  settled_by: string;
}

/** Append-only: what each paid order is owed back by the settled group price. */
export interface GroupPriceRefundsTable {
  merchant_id: string;
  campaign_id: string;
  order_id: string;
  buyer_phone: string;
  units: number;
  paid_unit_price_fen: number;
  final_unit_price_fen: number;
  refund_fen: number;
  created_at: Instant;
}

/** Filled by triggers on every write a terminal mirrors; read by the sync pull in commit order. */
export interface ChangeLogTable {
  merchant_id: string;
  id: Generated<number>;
  kind: 'voucher' | 'lease' | 'campaign' | 'merchant_key' | 'store_policy' | 'redemption';
  entity_id: string;
  /** The one store the change concerns, or null for every store of the merchant. */
  store_id: string | null;
  at: Generated<Instant>;
}

export interface ChangeLogHorizonTable {
  merchant_id: string;
  pruned_id: number;
  /** PostgreSQL only: the transaction id part of the pruned position. */
  pruned_xid: string | null;
  pruned_at: Instant;
}

export interface DeviceSequencesTable {
  merchant_id: string;
  terminal_id: string;
  last_seq: number;
  rebase: Generated<number>;
  updated_at: Instant;
}

export interface PushResultsTable {
  merchant_id: string;
  terminal_id: string;
  client_id: string;
  seq: number;
  intent: string;
  status: 'applied' | 'rejected' | 'conflict';
  /** JSON of the entry's result. */
  result: string | null;
  error_code: string | null;
  error_message: string | null;
  server_time: Instant;
}

export type LeaseReason = 'single_store' | 'policy' | 'merchant';

export interface LeasesTable {
  merchant_id: string;
  id: string;
  voucher_id: string;
  store_id: string;
  uses: number;
  reason: LeaseReason;
  granted_at: Instant;
  expires_at: Instant;
  revoked_at: Instant | null;
  revoked_by: string | null;
  updated_at: Instant;
}

export interface StorePoliciesTable {
  merchant_id: string;
  store_id: string;
  provisional_enabled: number;
  max_count_per_terminal: number;
  max_value_fen_per_terminal: number;
  max_offline_hours: number;
  manager_pin_above_fen: number;
  reverse_window_minutes: number;
  /** 1: multi-store vouchers are leased whole to this store when it pulls them and nobody holds them. */
  lease_multi_store: number;
  lease_hours: number;
  updated_at: Instant;
}

export interface StoreManagersTable {
  merchant_id: string;
  store_id: string;
  manager_id: string;
  name: string;
  /** core/sync/manager-pin `pbkdf2-sha256$…`; the PIN itself is never stored. */
  pin_verifier: string;
  updated_at: Instant;
  removed_at: Instant | null;
}

export interface RedemptionConflictsTable {
  merchant_id: string;
  /** The losing redemption (an offline entry), also in the ledger with outcome 'conflict'. */
  redemption_id: string;
  voucher_id: string;
  store_id: string;
  terminal_id: string;
  seq: number;
  count: number;
  device_time: Instant;
  server_time: Instant;
  reason: string;
  basis: 'lease' | 'provisional';
  lease_id: string | null;
  first_kind: 'redemption' | 'lease' | 'void';
  first_ref: string | null;
  first_store_id: string | null;
  first_terminal_id: string | null;
  first_at: Instant | null;
  status: 'open' | 'resolved';
  resolved_at: Instant | null;
  resolved_by: string | null;
  note: string | null;
  /** Set when a back-office user resolves it (migration 013); null when open or resolved at the counter. */
  decision: Generated<ConflictDecision | null>;
}

export type ConflictDecision = 'accept_loss' | 'recovered_from_customer' | 'staff_error';

/** Labels a back-office user puts on a member (migration 013); the counter does not sync them. */
export interface MemberTagsTable {
  merchant_id: string;
  member_id: string;
  tag: string;
  created_at: Instant;
}

export interface RedemptionReversalsTable {
  merchant_id: string;
  reversal_id: string;
  redemption_id: string;
  voucher_id: string;
  uses_freed: number;
  store_id: string;
  terminal_id: string;
  manager_id: string;
  approved_at: Instant;
  reason: string;
  device_time: Instant;
  server_time: Instant;
  remaining_after: number;
}

/** One-use tickets for the back office's live event stream (EventSource cannot send headers). */
export interface LiveTicketsTable {
  /** SHA-256 of the ticket; the ticket itself is never stored. */
  token_hash: string;
  merchant_id: string;
  /** The merchant session that minted it: the stream is that session's, and ends with it. */
  session_hash: string;
  expires_at: Instant;
  used_at: Instant | null;
}

/** Shared limits (migration 015): one row per counted key; times in epoch milliseconds. */
export interface SecurityCountersTable {
  counter_key: string;
  window_start: number;
  hits: number;
  strikes: Generated<number>;
  locked_until: Generated<number>;
  last_lock_at: Generated<number>;
}

/** Lockouts and login throttling the merchant is told about in the back office. */
export interface SecurityAlertsTable {
  alert_id: string;
  merchant_id: string;
  kind: string;
  subject: string;
  /** JSON text. */
  details: string;
  created_at: Instant;
}

export interface Database extends CounterTables {
  merchants: MerchantsTable;
  stores: StoresTable;
  terminals: TerminalsTable;
  campaigns: CampaignsTable;
  campaign_stores: CampaignStoresTable;
  vouchers: VouchersTable;
  redemptions: RedemptionsTable;
  offline_tallies: OfflineTalliesTable;
  audit_log: AuditLogTable;
  members: MembersTable;
  member_handles: MemberHandlesTable;
  orders: OrdersTable;
  buyer_counters: BuyerCountersTable;
  channel_secrets: ChannelSecretsTable;
  channel_events: ChannelEventsTable;
  merchant_keys: MerchantKeysTable;
  notifications: NotificationsTable;
  merchant_users: MerchantUsersTable;
  merchant_user_stores: MerchantUserStoresTable;
  merchant_sessions: MerchantSessionsTable;
  group_price_settlements: GroupPriceSettlementsTable;
  group_price_refunds: GroupPriceRefundsTable;
  change_log: ChangeLogTable;
  change_log_horizon: ChangeLogHorizonTable;
  device_sequences: DeviceSequencesTable;
  push_results: PushResultsTable;
  leases: LeasesTable;
  store_policies: StorePoliciesTable;
  store_managers: StoreManagersTable;
  redemption_conflicts: RedemptionConflictsTable;
  redemption_reversals: RedemptionReversalsTable;
  member_tags: MemberTagsTable;
  live_tickets: LiveTicketsTable;
  security_counters: SecurityCountersTable;
  security_alerts: SecurityAlertsTable;
}
