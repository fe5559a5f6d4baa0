import type { MerchantRole } from '../db/schema';

/**
 * Who may call which kind of back-office route. Every merchant route names one of these instead of
 * listing roles itself, so the role matrix is stated once (tests/integration/backoffice checks it).
 * - owner: everything; manager: their stores; finance: read and export; support: look-ups and resends.
 */
export const MERCHANT_ROLES = {
  /** Merchant-wide set-up: stores, back-office users, keys, channel secrets, counter settings. */
  setup: ['owner'],
  /** Running stores: terminals, counter staff, campaigns, conflicts (a manager: their stores only). */
  operate: ['owner', 'manager'],
  /** Figures, ledgers, statements and exports. */
  read: ['owner', 'manager', 'finance'],
  /** Voucher and order look-ups, code resends. */
  support: ['owner', 'manager', 'support'],
  /** Any signed-in back-office user. */
  anyone: ['owner', 'manager', 'finance', 'support'],
} as const satisfies Record<string, readonly MerchantRole[]>;
