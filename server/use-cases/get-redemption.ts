import type { RedemptionRecord } from '../../core/redemption-api';
import { ok } from '../../core/result';
import { findRedemption } from '../repositories/redemption-repository';
import type { TerminalSession } from '../repositories/terminal-session';
import type { UseCaseDeps } from './deps';
import { failure, type Outcome } from './outcome';

/** The ledger entry of a redemption of this merchant, for a cashier whose request timed out. */
export async function getRedemption(
  deps: UseCaseDeps,
  session: TerminalSession,
  redemptionId: string,
): Promise<Outcome<RedemptionRecord>> {
  const stored = await findRedemption(deps.db, session.merchant.id, redemptionId.toLowerCase());
  if (!stored) return failure('REDEMPTION_NOT_FOUND', 'no redemption with this id');
  return ok(stored.record);
}
