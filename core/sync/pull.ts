import { z } from 'zod';

/** Kinds of rows a terminal mirrors; each change carries the row's current state for the store. */
export const ChangeKind = z.enum([
  'voucher', 'lease', 'campaign', 'merchant_key', 'member', 'redemption', 'store_policy',
  'catalog_category', 'catalog_item', 'terminal_user', 'counter_settings',
]);
export type ChangeKind = z.infer<typeof ChangeKind>;

export const Change = z.object({
  kind: ChangeKind,
  /** The row's id within its kind. */
  id: z.string(),
  op: z.enum(['upsert', 'delete']),
  /** The row as the terminal stores it (shape per kind, see `sync/rows.ts`); null on delete. */
  data: z.unknown().nullable(),
});
export type Change = z.infer<typeof Change>;

export const MAX_PULL_LIMIT = 5000;

export const PullQuery = z.object({
  /** Opaque; absent on a first sync (a paged snapshot follows). */
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(1000),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const PullResponse = z.object({
  changes: z.array(Change),
  cursor: z.string(),
  /** More pages wait now; pull again at once with `cursor`. */
  hasMore: z.boolean(),
  /** The cursor was too old or from another scope: drop the mirror and start a snapshot. */
  reset: z.boolean(),
  /** This page belongs to a snapshot; `progress` lets the UI show a long first download. */
  snapshot: z.boolean(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
});
export type PullResponse = z.infer<typeof PullResponse>;
