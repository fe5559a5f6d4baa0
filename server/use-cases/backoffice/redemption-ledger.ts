import { z } from 'zod';
import { ok } from '../../../core/result';
import { parseVoucherCode } from '../../../core/voucher-code';
import type { Page } from '../../db/keyset-page';
import { LEDGER_ORDER, ledgerRows } from '../../repositories/backoffice/ledger-queries';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { visibleStoreIds } from '../../repositories/backoffice/store-scope';
import { failure, type Outcome } from '../outcome';
import type { BackofficeDeps } from './deps';
import { ledgerPage, type LedgerEntry } from './ledger-views';
import { InstantParam, PageQuery, startAfter } from './page-query';

const Id = z.string().trim().min(1).max(64);

export const LedgerQuery = z.strictObject({
  code: z.string().min(1).max(64).optional(),
  voucherId: Id.optional(),
  storeId: Id.optional(),
  terminalId: Id.optional(),
  cashierId: Id.optional(),
  campaignId: Id.optional(),
  mode: z.enum(['online', 'offline']).optional(),
  outcome: z.enum(['accepted', 'conflict', 'rejected']).optional(),
  from: InstantParam.optional(),
  to: InstantParam.optional(),
  ...PageQuery,
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;

/** The merchant's redemptions, newest first, filtered; a manager sees their stores only. */
export async function listRedemptions(deps: BackofficeDeps, session: MerchantSession, query: LedgerQuery): Promise<Outcome<Page<LedgerEntry>>> {
  const after = startAfter(query.cursor, LEDGER_ORDER);
  if (!after.ok) return after;
  const merchantId = session.merchant.id;
  let voucherId = query.voucherId;
  if (query.code !== undefined) {
    const code = parseVoucherCode(query.code);
    if (!code.ok) return failure(code.code, code.message, { fields: [{ field: 'code', message: code.message }] });
    const voucher = await deps.db.kysely
      .selectFrom('vouchers')
      .select('id')
      .where('merchant_id', '=', merchantId)
      .where('code', '=', code.value)
      .executeTakeFirst();
    // A code that is not this merchant's matches nothing, like a voucher without redemptions.
    if (!voucher || (voucherId !== undefined && voucherId !== voucher.id)) return ok({ items: [], nextCursor: null });
    voucherId = voucher.id;
  }
  const rows = await ledgerRows(deps.db, merchantId, {
    ...query,
    voucherId,
    storeIds: await visibleStoreIds(deps.db, session),
    after: after.value,
  });
  return ok(await ledgerPage(deps.db, merchantId, rows, query.limit));
}
