import type { Generated } from 'kysely';

type Instant = string;
/** A `bigint` column: SQLite returns a number, the PostgreSQL pool the decimal text; wrap reads in Number(). */
export type Int8 = number | string;

export interface CounterSettingsTable {
  merchant_id: string;
  discount_pin_above_fen: Int8;
  earn_fen_per_point: number;
  redeem_fen_per_point: number;
  restore_voucher_on_refund: number;
  pin_max_failures: number;
  pin_lock_minutes: number;
  /** 1: a shared counter user may redeem; 0: every redemption names a signed-in cashier (009). */
  shared_counter_user: Generated<number>;
  updated_at: Instant;
}

export interface CatalogCategoriesTable {
  merchant_id: string;
  id: string;
  name: string;
  sort: Generated<number>;
  updated_at: Instant;
}

export interface CatalogItemsTable {
  merchant_id: string;
  id: string;
  category_id: string;
  name: string;
  pinyin_initials: string;
  barcode: string | null;
  price_fen: Int8;
  tax_free: Generated<number>;
  active: Generated<number>;
  updated_at: Instant;
}

export interface CatalogItemStoresTable {
  merchant_id: string;
  item_id: string;
  store_id: string;
  available: number;
}

export interface MemberAliasesTable {
  merchant_id: string;
  alias_id: string;
  member_id: string;
  store_id: string | null;
  terminal_id: string | null;
  created_at: Instant;
}

/** Append-only; the member's `points` is the running sum. */
export interface MemberPointsTable {
  merchant_id: string;
  id: string;
  member_id: string;
  delta: Int8;
  reason: 'earn' | 'spend' | 'refund_reverse' | 'refund_restore';
  sale_id: string | null;
  refund_id: string | null;
  store_id: string;
  at: Instant;
}

export interface SalesTable {
  merchant_id: string;
  id: string;
  store_id: string;
  terminal_id: string;
  shift_id: string | null;
  cashier_id: string | null;
  member_id: string | null;
  order_type: 'dine_in' | 'take_away';
  table_no: string | null;
  note: string | null;
  gross_fen: Int8;
  line_discount_fen: Int8;
  order_discount_fen: Int8;
  total_fen: Int8;
  change_fen: Int8;
  points_earned: Int8;
  discount_approved_by: string | null;
  outcome: 'accepted' | 'conflict';
  device_time: Instant;
  server_time: Instant;
}

export interface SaleLinesTable {
  merchant_id: string;
  sale_id: string;
  line_id: string;
  item_id: string;
  name: string;
  qty: number;
  unit_price_fen: Int8;
  discount_fen: Int8;
  /** The line's share of the sale total after line and order discounts. */
  net_fen: Int8;
  voucher_redemption_id: string | null;
  campaign_id: string | null;
  note: string | null;
}

export interface SalePaymentsTable {
  merchant_id: string;
  sale_id: string;
  tender_id: string;
  kind: 'cash' | 'wechat' | 'alipay' | 'card' | 'voucher' | 'points';
  amount_fen: Int8;
  received_fen: Int8 | null;
  reference: string | null;
  redemption_id: string | null;
  campaign_id: string | null;
  points: Int8 | null;
}

export interface SaleRefundsTable {
  merchant_id: string;
  id: string;
  sale_id: string;
  store_id: string;
  terminal_id: string;
  shift_id: string | null;
  amount_fen: Int8;
  points_reversed: Int8;
  whole: number;
  reason: string;
  approved_by: string;
  device_time: Instant;
  server_time: Instant;
}

export interface SaleRefundLinesTable {
  merchant_id: string;
  refund_id: string;
  sale_id: string;
  line_id: string;
  qty: number;
  amount_fen: Int8;
}

export interface SaleRefundTendersTable {
  merchant_id: string;
  refund_id: string;
  sale_id: string;
  tender_id: string;
  kind: string;
  amount_fen: Int8;
  points: Int8;
}

export interface ShiftsTable {
  merchant_id: string;
  id: string;
  store_id: string;
  terminal_id: string;
  opened_by: string;
  opening_float_fen: Int8;
  opened_at: Instant;
  closed_by: string | null;
  closed_at: Instant | null;
  close_approved_by: string | null;
  /** JSON of core `DenominationCount[]`. */
  counts: string | null;
  counted_fen: Int8 | null;
  expected_fen: Int8 | null;
  provisional: Generated<number>;
}

export interface CashMovesTable {
  merchant_id: string;
  id: string;
  shift_id: string;
  direction: 'in' | 'out';
  amount_fen: Int8;
  reason: string;
  approved_by: string | null;
  at: Instant;
}

export interface TerminalUsersTable {
  merchant_id: string;
  id: string;
  store_id: string;
  name: string;
  role: 'cashier' | 'manager';
  pin_hash: string;
  pin_verifier: string;
  failed_pins: Generated<number>;
  locked_until: Instant | null;
  active: Generated<number>;
  updated_at: Instant;
}

export interface CounterTables {
  counter_settings: CounterSettingsTable;
  catalog_categories: CatalogCategoriesTable;
  catalog_items: CatalogItemsTable;
  catalog_item_stores: CatalogItemStoresTable;
  member_aliases: MemberAliasesTable;
  member_points: MemberPointsTable;
  sales: SalesTable;
  sale_lines: SaleLinesTable;
  sale_payments: SalePaymentsTable;
  sale_refunds: SaleRefundsTable;
  sale_refund_lines: SaleRefundLinesTable;
  sale_refund_tenders: SaleRefundTendersTable;
  shifts: ShiftsTable;
  cash_moves: CashMovesTable;
  terminal_users: TerminalUsersTable;
}
