import type { RedeemRequest, RedemptionRecord } from '../../core/redemption-api';
import { ok } from '../../core/result';
import { maskCode, parseVoucherCode } from '../../core/voucher-code';
import type { RedeemParams } from '../repositories/redeem-statement';
import { findRedemption } from '../repositories/redemption-repository';
import type { TerminalSession } from '../repositories/terminal-session';
import { findVoucherAtStore } from '../repositories/voucher-repository';
import type { UseCaseDeps } from './deps';
import { guessSubject, type GuessSubject } from './guess-subject';
import { readCounterSettings } from '../counter/counter-settings';
import { withoutTransaction } from '../sync/sql/run-steps';
import { failure, VOUCHER_NOT_FOUND_MESSAGE, type AppFailure, type Outcome } from './outcome';
import { rateLimited } from './rate-limited';
import { redeemParams, toRecord } from './redeem-params';
import { whyNotRedeemable } from './redeemability';

/**
 * Redeems `count` uses in one transaction. A retry with the same redemption id gets the first
 * answer; when nothing was applied, the voucher is read again to say exactly why.
 */
export async function redeemVoucher(
  deps: UseCaseDeps,
  session: TerminalSession,
  input: RedeemRequest,
  client: string,
): Promise<Outcome<RedemptionRecord>> {
  const code = parseVoucherCode(input.code);
  if (!code.ok) return code;
  const subject = guessSubject(session, client);
  // Two reads the redeem waits for, so they go together (on PostgreSQL, two round trips at once).
  const [wait, anonymous] = await Promise.all([deps.lookupGuard.blockedFor(subject), refuseAnonymous(deps, session, input)]);
  if (wait > 0) return rateLimited(wait);
  if (anonymous) return anonymous;

  let params = redeemParams(session, input, code.value, deps.now());
  // A second pass only happens if the voucher changed between the update and the read-back.
  for (let pass = 0; pass < 3; pass++) {
    const attempt = await deps.redeem(params);
    if (attempt.kind === 'accepted') {
      deps.logger.info(
        { redemptionId: params.redemptionId, code: maskCode(params.code), count: params.count, terminalId: params.terminalId },
        'voucher redeemed',
      );
      return ok(toRecord(params, attempt));
    }
    const answer = await explainNotApplied(deps, session, params, subject);
    if (answer && !('rulesPassedCampaignId' in answer)) return answer;
    // Redeemable once its campaign's validity rules are checked here, for this instant.
    if (answer) params = { ...params, ...answer };
  }
  return failure('UNAVAILABLE', 'the voucher kept changing while redeeming; try again');
}

/**
 * Every redemption names the cashier who signed in, unless the merchant allows a shared counter
 * user. A retry of a redemption already in the ledger still gets its first answer.
 */
async function refuseAnonymous(deps: UseCaseDeps, session: TerminalSession, input: RedeemRequest): Promise<AppFailure | null> {
  if (input.cashierId) return null;
  const settings = await withoutTransaction(deps.db, () => readCounterSettings(session.merchant.id));
  if (settings.sharedCounterUser) return null;
  if (await findRedemption(deps.db, session.merchant.id, input.redemptionId.toLowerCase())) return null;
  return failure('CASHIER_REQUIRED', 'a cashier must sign in to redeem: this merchant does not allow a shared counter user');
}

async function explainNotApplied(
  deps: UseCaseDeps,
  session: TerminalSession,
  params: RedeemParams,
  subject: GuessSubject,
): Promise<Outcome<RedemptionRecord> | { rulesPassedCampaignId: string } | null> {
  const previous = await findRedemption(deps.db, session.merchant.id, params.redemptionId);
  if (previous) {
    if (previous.fingerprint !== params.fingerprint) return failure('REDEMPTION_ID_REUSED', 'this redemption id was already used for a different request');
    // Recorded offline first and found in conflict there: it took no use, so the answer is no success.
    if (previous.record.outcome !== 'accepted') {
      return failure('REDEMPTION_CONFLICT', 'this redemption was recorded offline as a conflict and took no use; the merchant reviews it', {
        redemption: previous.record,
      });
    }
    return ok(previous.record);
  }
  const voucher = await findVoucherAtStore(deps.db, session.merchant.id, params.code, session.store.id);
  if (!voucher) {
    await deps.lookupGuard.recordMisses(subject);
    return failure('VOUCHER_NOT_FOUND', VOUCHER_NOT_FOUND_MESSAGE);
  }
  const why = whyNotRedeemable(voucher, params.serverTime, params.count);
  if (why || params.rulesPassedCampaignId === voucher.campaignId) return why;
  return { rulesPassedCampaignId: voucher.campaignId };
}
