import { z } from 'zod';
import { ManagerApproval } from '../sync/voucher-intents';

const Count = z.object({ denominationFen: z.number().int(), count: z.number().int() });

/** `shift.open@1`: a till opened with its float. */
export const ShiftOpenV1 = z.object({
  shiftId: z.uuid(),
  openingFloatFen: z.number().int().min(0),
  openedBy: z.string().min(1).max(64),
  approval: ManagerApproval.nullable(),
});
export type ShiftOpenV1 = z.infer<typeof ShiftOpenV1>;

/**
 * `shift.close@1`: counted cash per denomination. `provisional` says the terminal still had
 * unsynced entries: the server closes the shift and its Z report counts them once they arrive.
 */
export const ShiftCloseV1 = z.object({
  shiftId: z.uuid(),
  counts: z.array(Count).max(20),
  closedBy: z.string().min(1).max(64),
  approval: ManagerApproval,
  provisional: z.boolean(),
});
export type ShiftCloseV1 = z.infer<typeof ShiftCloseV1>;

/** `cash.move@1`: cash paid into or out of the till during a shift. */
export const CashMoveV1 = z.object({
  moveId: z.uuid(),
  shiftId: z.uuid(),
  direction: z.enum(['in', 'out']),
  amountFen: z.number().int().min(1),
  reason: z.string().min(1).max(200),
  approval: ManagerApproval.nullable(),
  /** Who was signed in at the counter; absent from terminals older than the field. */
  cashierId: z.string().min(1).max(64).nullable().optional(),
});
export type CashMoveV1 = z.infer<typeof CashMoveV1>;

export const ShiftCloseResult = z.object({
  shiftId: z.string(),
  countedFen: z.number().int(),
  expectedFen: z.number().int(),
  differenceFen: z.number().int(),
});
export type ShiftCloseResult = z.infer<typeof ShiftCloseResult>;
