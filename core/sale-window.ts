import { z } from 'zod';
import { describeInstant, resolveEndBound, resolveStartBound, WindowBound } from './campaign-bound';
import { fail, ok, type Result } from './result';

/** When a flash sale takes orders: start inclusive, end exclusive (a date end includes that day). */
export const SaleWindow = z.object({
  saleStartsAt: WindowBound,
  saleEndsAt: WindowBound,
});
export type SaleWindow = z.infer<typeof SaleWindow>;

export type SaleWindowFailureCode = 'SALE_NOT_STARTED' | 'SALE_ENDED';

/** Whether an order placed at `instant` falls inside the sale window, read in `timeZone`. */
export function checkSaleWindow(
  window: SaleWindow,
  instant: Date,
  timeZone: string,
): Result<{ startsAt: Date; endsAt: Date }, SaleWindowFailureCode> {
  const startsAt = resolveStartBound(window.saleStartsAt, timeZone);
  const endsAt = resolveEndBound(window.saleEndsAt, timeZone);
  if (instant.getTime() < startsAt.getTime()) {
    return fail('SALE_NOT_STARTED', `the sale starts at ${describeInstant(startsAt, timeZone)}`);
  }
  if (instant.getTime() >= endsAt.getTime()) {
    return fail('SALE_ENDED', `the sale ended at ${describeInstant(endsAt, timeZone)}`);
  }
  return ok({ startsAt, endsAt });
}
