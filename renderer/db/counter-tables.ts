/** Rows the counter (selling, members, shifts) keeps in the terminal database (schema v3). */

/** A sellable item as the counter searches it; `terms` feeds the multi-entry search index. */
export interface CatalogItem {
  itemId: string;
  name: string;
  barcode: string | null;
  priceFen: number;
  categoryId: string | null;
  available: boolean;
  taxFree: boolean;
  /** Pinyin initials of the name, lower case (宫保鸡丁 → gbjd). */
  initials: string;
  /** Lower-case prefixes searched with `startsWith`: name, its words, initials, barcode. */
  terms: string[];
}

export interface CatalogCategory {
  categoryId: string;
  name: string;
  sort: number;
}

/** A member as the counter shows it: mirrored from the server, or enrolled here and pending. */
export interface CounterMember {
  memberId: string;
  /** The 11 digits the counter types (online orders' E.164 phones are stored without +86). */
  phone: string;
  name: string | null;
  gender: 'female' | 'male' | 'unknown';
  birthday: string | null;
  note: string | null;
  level: string;
  points: number;
  visits: number;
  /** How many of the member's vouchers could still be used, as the server last said. */
  vouchersHeld: number;
  /** Enrolment ids merged into this member: sales made under them are this member's. */
  aliasIds: string[];
  pending: boolean;
  /** The server's version of the row (0 while only enrolled here): the base of an edit. */
  version: number;
}

export type ServiceMode = 'dine_in' | 'take_away';
export type TenderMethod = 'cash' | 'wechat' | 'alipay' | 'card' | 'points';

export interface SaleLineRecord {
  lineId: string;
  itemId: string;
  name: string;
  quantity: number;
  unitPriceFen: number;
  discountFen: number;
  totalFen: number;
  note: string | null;
  /** The voucher that made this line free (a `product` voucher), if any. */
  voucherRedemptionId: string | null;
}

export interface VoucherOnSale {
  redemptionId: string;
  voucherId: string;
  campaignId: string;
  campaignTitle: string;
  codeMasked: string;
  kind: 'product' | 'cash';
  /** What it took off the bill (cash: the tender; product: the item's price). */
  amountFen: number;
}

export interface TenderRecord {
  method: TenderMethod;
  amountFen: number;
  reference: string | null;
  /** Points tender only: the whole points spent (`amountFen` is what they paid at the merchant's rate). */
  points?: number;
}

export type CounterEntryStatus = 'pending' | 'accepted' | 'rejected';

export interface Approval {
  managerId: string;
  approvedAt: string;
}

export interface CounterSale {
  saleId: string;
  receiptNo: string;
  shiftId: string;
  cashierId: string | null;
  memberId: string | null;
  createdAt: string;
  serviceMode: ServiceMode;
  tableNo: string | null;
  note: string | null;
  lines: SaleLineRecord[];
  orderDiscountFen: number;
  subtotalFen: number;
  discountFen: number;
  vouchers: VoucherOnSale[];
  payments: TenderRecord[];
  totalFen: number;
  changeFen: number;
  pointsEarned: number;
  approval: Approval | null;
  status: CounterEntryStatus;
}

export interface CounterRefund {
  refundId: string;
  saleId: string;
  shiftId: string;
  createdAt: string;
  lines: { lineId: string; quantity: number; amountFen: number }[];
  amountFen: number;
  /** How the money goes back: cash and outside payments first, vouchers last. */
  tenders: { tenderId: string; kind: TenderMethod | 'voucher'; amountFen: number; points?: number }[];
  /** Spent points given back to the member, and earned points taken back (as the server computes them). */
  pointsRestored?: number;
  pointsReversed?: number;
  /** true when the whole sale was voided. */
  full: boolean;
  reason: string;
  approval: Approval;
  status: CounterEntryStatus;
}

export interface CashCount {
  /** Denomination in fen → how many notes or coins. */
  [denominationFen: string]: number;
}

export interface CounterShift {
  shiftId: string;
  storeId: string;
  openedAt: string;
  openedBy: string;
  floatFen: number;
  status: 'open' | 'closed';
  closedAt: string | null;
  closedBy: string | null;
  counted: CashCount | null;
  countedFen: number | null;
  expectedFen: number | null;
  /** Closed while entries still waited to sync: final once they are all answered. */
  provisional: boolean;
}
