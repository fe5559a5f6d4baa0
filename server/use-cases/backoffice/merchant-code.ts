import { z } from 'zod';

/** A merchant's sign-in code: typed with a login to say which merchant's user signs in. */
export const MerchantCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,31}$/, 'a merchant code: 2–32 letters, digits or dashes');

/** The code a merchant gets when none is chosen: `m` and the last 8 hex digits of its id (as migration 016). */
export function defaultMerchantCode(merchantId: string): string {
  return `m${merchantId.replace(/-/g, '').slice(24, 32).toLowerCase()}`;
}
