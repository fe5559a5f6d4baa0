import type { BillVoucher } from './bill-voucher';
import type { CartLine } from './cart-math';
import type { CounterMember, ServiceMode, TenderRecord } from '../db/counter-tables';

/** The bill being rung up, kept in the settings table so a reload or a power cut does not lose it. */
export interface OpenBill {
  lines: CartLine[];
  orderDiscountFen: number;
  vouchers: BillVoucher[];
  tenders: TenderRecord[];
  memberId: string | null;
  /** The member as shown when the bill was saved; re-read from the mirror on restore. */
  member: CounterMember | null;
  serviceMode: ServiceMode;
  tableNo: string;
  note: string;
  selectedLineId: string | null;
}

declare module '../db/pos-db' {
  interface SettingValues {
    /** The bill being rung up (absent when none is open). */
    openBill: OpenBill;
  }
}

/** Nothing worth keeping: no line, voucher, tender, member, table or note. */
export function isBlankBill(bill: OpenBill): boolean {
  return (
    bill.lines.length === 0 &&
    bill.vouchers.length === 0 &&
    bill.tenders.length === 0 &&
    bill.memberId === null &&
    bill.orderDiscountFen === 0 &&
    !bill.tableNo.trim() &&
    !bill.note.trim()
  );
}
