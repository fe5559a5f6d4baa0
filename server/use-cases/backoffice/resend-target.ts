import { z } from 'zod';
import { ok } from '../../../core/result';
import { formatVoucherCode, maskCode } from '../../../core/voucher-code';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { findVoucherById } from '../../repositories/backoffice/support-queries';
import { userAuditInsert } from '../../repositories/backoffice/user-audit';
import { failure, VOUCHER_NOT_FOUND_MESSAGE, type Outcome } from '../outcome';
import type { BackofficeDeps } from './deps';

export const ResendTargetRequest = z.strictObject({
  /** Why the full code is needed, kept in the audit log. */
  reason: z.string().trim().min(4, 'say why the full code is needed').max(200),
});

export interface ResendTarget {
  voucherId: string;
  campaignTitle: string;
  code: string;
  codeFormatted: string;
  buyerPhone: string | null;
}

/**
 * The one place the back office shows a full code: an owner asks for it explicitly, to resend it
 * to the buyer, and the request is audited with its reason.
 */
export async function resendTarget(
  deps: BackofficeDeps,
  session: MerchantSession,
  voucherId: string,
  input: z.infer<typeof ResendTargetRequest>,
): Promise<Outcome<ResendTarget>> {
  const voucher = await findVoucherById(deps.db, session.merchant.id, voucherId);
  if (!voucher) return failure('VOUCHER_NOT_FOUND', VOUCHER_NOT_FOUND_MESSAGE);
  await userAuditInsert(deps.db, {
    merchantId: session.merchant.id,
    userId: session.user.id,
    action: 'support.reveal_code',
    subjectId: voucher.id,
    details: { code: maskCode(voucher.code), reason: input.reason },
    at: deps.now().toISOString(),
  }).execute();
  deps.logger.info({ voucherId: voucher.id, userId: session.user.id, code: maskCode(voucher.code) }, 'full voucher code shown for a resend');
  return ok({
    voucherId: voucher.id,
    campaignTitle: voucher.title,
    code: voucher.code,
    codeFormatted: formatVoucherCode(voucher.code),
    buyerPhone: voucher.buyer_phone,
  });
}
