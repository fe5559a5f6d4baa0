import { ok } from '../../../core/result';
import { runAtomically } from '../../db/atomic';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { revokeSession } from '../../repositories/backoffice/session-repository';
import { userAuditInsert } from '../../repositories/backoffice/user-audit';
import { sha256Hex } from '../../security/secrets';
import type { Outcome } from '../outcome';
import type { BackofficeDeps } from './deps';

/** Ends the session of this token; the token stops working on every node at once. */
export async function logout(deps: BackofficeDeps, session: MerchantSession, token: string): Promise<Outcome<{ signedOut: true }>> {
  const at = deps.now().toISOString();
  await runAtomically(deps.db, [
    revokeSession(deps.db, sha256Hex(token), at).compile(),
    userAuditInsert(deps.db, {
      merchantId: session.merchant.id,
      userId: session.user.id,
      action: 'merchant_user.logout',
      subjectId: session.user.id,
      at,
    }).compile(),
  ]);
  return ok({ signedOut: true });
}
