import { z } from 'zod';
import { ok } from '../../../core/result';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { runScript, type TransactionScript } from '../../repositories/backoffice/transaction-script';
import { userAuditInsert } from '../../repositories/backoffice/user-audit';
import { failure, VOUCHER_NOT_FOUND_MESSAGE, type AppFailure, type Outcome } from '../outcome';
import type { BackofficeDeps } from './deps';

export const VoucherParams = z.object({ id: z.uuid('not a voucher id') });
export const VoidVoucherRequest = z.strictObject({ reason: z.string().trim().min(1, 'required').max(200) });

export interface VoidedVoucher {
  id: string;
  campaignId: string;
  status: 'void';
  voidedAt: string;
}

/**
 * Voids an unused voucher: it can no longer be redeemed, and terminals learn so on their next pull
 * (the voucher row feeds the change log). Refused once any use was redeemed — a used voucher is
 * settled through the ledger, not voided. The void itself is an audit entry naming who and why.
 */
export async function voidVoucher(deps: BackofficeDeps, session: MerchantSession, voucherId: string, reason: string): Promise<Outcome<VoidedVoucher>> {
  const db = deps.db;
  const merchantId = session.merchant.id;
  const at = deps.now().toISOString();

  function* script(): TransactionScript<AppFailure | { campaignId: string }> {
    // Conditional, so a redemption racing this void either lands first (and the void is refused) or finds it void.
    const updated = (yield db.kysely
      .updateTable('vouchers')
      .set({ status: 'void', updated_at: at })
      .where('merchant_id', '=', merchantId)
      .where('id', '=', voucherId)
      .where('status', '=', 'active')
      .where('redeemed', '=', 0)
      .returning('campaign_id')
      .compile()).rows[0];
    if (!updated) {
      const row = (yield db.kysely
        .selectFrom('vouchers')
        .select(['status', 'redeemed'])
        .where('merchant_id', '=', merchantId)
        .where('id', '=', voucherId)
        .compile()).rows[0];
      if (!row) return failure('VOUCHER_NOT_FOUND', VOUCHER_NOT_FOUND_MESSAGE);
      if (Number(row['redeemed']) > 0) return failure('VOUCHER_ALREADY_USED', 'this voucher has been redeemed; it cannot be voided', { redeemed: Number(row['redeemed']) });
      return failure('VOUCHER_NOT_ACTIVE', `this voucher is ${String(row['status'])}`, { status: String(row['status']) });
    }
    const campaignId = String(updated['campaign_id']);
    yield userAuditInsert(db, { merchantId, userId: session.user.id, action: 'voucher.void', subjectId: voucherId, details: { campaignId, reason }, at }).compile();
    return { campaignId };
  }

  const result = await runScript(db, script);
  if ('ok' in result) return result;
  return ok({ id: voucherId, campaignId: result.campaignId, status: 'void', voidedAt: at });
}
