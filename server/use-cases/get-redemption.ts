import type { RedemptionRecord } from '../../core/redemption-api';
import { ok } from '../../core/result';
import { findRedemption } from '../repositories/redemption-repository';
import type { TerminalSession } from '../repositories/terminal-session';
import type { UseCaseDeps } from './deps';
import { failure, type Outcome } from './outcome';

/**
 * The ledger entry of a redemption made at this terminal's store, for a cashier whose request timed
 * out. Another store's redemption is not found: a terminal reaches only its own store's data.
 */
export async function getRedemption(
  deps: UseCaseDeps,
  session: TerminalSession,
  redemptionId: string,
): Promise<Outcome<RedemptionRecord>> {
  const stored = await findRedemption(deps.db, session.merchant.id, redemptionId.toLowerCase());
  if (!stored || stored.record.storeId !== session.store.id) return failure('REDEMPTION_NOT_FOUND', 'no redemption with this id');
  return ok(stored.record);
}
