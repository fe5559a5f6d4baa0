import type { Approval, CounterEntryStatus } from './counter-tables';

/** Cash paid into or out of the till during a shift (现金存入/取出), as this terminal recorded it. */
export interface CounterCashMove {
  moveId: string;
  shiftId: string;
  direction: 'in' | 'out';
  amountFen: number;
  reason: string;
  /** Who was signed in at the counter, if anyone. */
  cashierId: string | null;
  /** The manager who approved a pay-out; null for a pay-in. */
  approval: Approval | null;
  createdAt: string;
  status: CounterEntryStatus;
}
