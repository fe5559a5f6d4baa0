import { resendVoucherMessage, type ResendDeps, type Resent } from '../../notifications/outbox/resend';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { userAuditInsert } from '../../repositories/backoffice/user-audit';
import type { Outcome } from '../outcome';

/**
 * Queues the voucher's code again to its buyer — by SMS or DM as asked, else as first sent — rate
 * limited per voucher; audited.
 */
export async function supportResend(deps: ResendDeps, session: MerchantSession, voucherId: string, channel?: Resent['channel']): Promise<Outcome<Resent & { state: 'queued' }>> {
  const resent = await resendVoucherMessage(deps, session.merchant.id, voucherId, channel);
  if (!resent.ok) return resent;
  await userAuditInsert(deps.db, {
    merchantId: session.merchant.id,
    userId: session.user.id,
    action: 'support.resend',
    subjectId: voucherId,
    details: { notificationId: resent.value.notificationId, channel: resent.value.channel },
    at: deps.now().toISOString(),
  }).execute();
  return { ok: true, value: { ...resent.value, state: 'queued' } };
}
