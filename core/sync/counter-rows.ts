import { z } from 'zod';
import { PIN_VERIFIER_PATTERN } from './manager-pin';

export const CatalogCategoryRow = z.object({
  categoryId: z.string(),
  name: z.string(),
  sort: z.number().int(),
});
export type CatalogCategoryRow = z.infer<typeof CatalogCategoryRow>;

/** An item as this store sells it (`available`: the store's own switch); a withdrawn item is deleted. */
export const CatalogItemRow = z.object({
  itemId: z.string(),
  categoryId: z.string(),
  name: z.string(),
  /** Lower-case pinyin initials of the name (招牌红烧肉 → zphsr), for search at the counter. */
  initials: z.string(),
  barcode: z.string().nullable(),
  priceFen: z.number().int(),
  taxFree: z.boolean(),
  available: z.boolean(),
});
export type CatalogItemRow = z.infer<typeof CatalogItemRow>;

/** A member of the merchant. `aliasIds` are enrolment ids merged into this member (same phone). */
export const MemberRow = z.object({
  memberId: z.string(),
  phone: z.string(),
  name: z.string().nullable(),
  gender: z.enum(['female', 'male', 'unknown']),
  birthday: z.string().nullable(),
  note: z.string().nullable(),
  level: z.string(),
  points: z.number().int(),
  visits: z.number().int(),
  version: z.number().int(),
  aliasIds: z.array(z.string()),
  /** The member's vouchers that can still be used (active, uses left, not expired) when the row was read. */
  vouchersHeld: z.number().int().min(0).default(0),
});
export type MemberRow = z.infer<typeof MemberRow>;

/** A cashier or manager of this store; the PIN only as a verifier a terminal can check offline. */
export const TerminalUserRow = z.object({
  userId: z.string(),
  storeId: z.string(),
  name: z.string(),
  role: z.enum(['cashier', 'manager']),
  pinVerifier: z.string().regex(PIN_VERIFIER_PATTERN),
});
export type TerminalUserRow = z.infer<typeof TerminalUserRow>;
