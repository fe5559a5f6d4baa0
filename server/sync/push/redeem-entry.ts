import type { RedemptionRecord } from '../../../core/redemption-api';
import type { VoucherRedeemV1 } from '../../../core/sync';
import { maskCode } from '../../../core/voucher-code';
import { newId } from '../../security/ids';
import { redemptionFingerprint } from '../../use-cases/redeem-params';
import { whyNotRedeemable } from '../../use-cases/redeemability';
import type { Steps } from '../sql/steps';
import { businessTime, CLOCK_SKEW_LIMIT_MS, recordedSkewMs } from './device-clock';
import { applied, conflicted, duplicateOf, rejected, type EntryContext, type EntryOutcome } from './entry-outcome';
import { ledgerEntry, voucherByCode } from './offline-lookups';
import { acceptOffline, redemptionIdsInLedger, type AcceptedRow, type OfflineRedeemParams } from './offline-redeem-sql';
import { brokenOfflineRule } from './offline-rules';
import { CONFLICT_CODES, recordConflict } from './record-conflict';
import { voucherCodeOf } from './voucher-code-of';

/** What a redeem entry answers: the ledger record, flagged when the device clock was off. */
export type OfflineRedemptionResult = RedemptionRecord & { clockSkewMs: number | null; clockSkewed: boolean };

function withClock(record: RedemptionRecord, skewMs: number | null): OfflineRedemptionResult {
  return { ...record, clockSkewMs: skewMs, clockSkewed: skewMs !== null && Math.abs(skewMs) > CLOCK_SKEW_LIMIT_MS };
}

export type PreparedRedeem = { ok: true; p: OfflineRedeemParams } | { ok: false; outcome: EntryOutcome };

/** What an entry asks, as statement parameters: its code (typed or from a checked QR) and its times. */
export function prepareRedeem(ctx: EntryContext, args: VoucherRedeemV1): PreparedRedeem {
  const { session, entry } = ctx;
  const at = businessTime(ctx.clock, entry.deviceTime);
  const code = voucherCodeOf(args, ctx.keys, session.merchant.id, at);
  if (!code.ok) return { ok: false, outcome: rejected(ctx, code.code, code.message) };
  const skewMs = recordedSkewMs(ctx.clock, entry.deviceTime);
  return {
    ok: true,
    p: {
      merchantId: session.merchant.id,
      code: code.value,
      count: args.count,
      storeId: session.store.id,
      terminalId: session.terminal.id,
      cashierId: args.cashierId,
      redemptionId: args.redemptionId.toLowerCase(),
      deviceTime: new Date(entry.deviceTime).toISOString(),
      serverTime: ctx.serverTime,
      businessTime: at.toISOString(),
      fingerprint: redemptionFingerprint(code.value, args.count, session.terminal.id),
      auditId: newId(),
      // An entry queued before the POS named its cashier is still applied (never lost), and marked.
      auditDetails: JSON.stringify({
        code: maskCode(code.value), count: args.count, basis: args.basis, leaseId: args.leaseId, clockSkewMs: skewMs,
        ...(args.cashierId === null ? { noCashier: true } : {}),
      }),
      rulesPassedCampaignId: null,
      skewMs,
      basis: args.basis,
    },
  };
}

export function acceptedOutcome(ctx: EntryContext, p: OfflineRedeemParams, accepted: AcceptedRow): EntryOutcome {
  ctx.ledgerIds.learn(p.redemptionId, true);
  return applied(ctx, withClock(recordOf(p, accepted.voucherId, accepted.campaignTitle, accepted.remaining), p.skewMs));
}

/**
 * `voucher.redeem@1`: the online redeem's conditional update, judged at the entry's business time.
 * Inside a lease it succeeds (nobody else could spend it); when the voucher was spent, refunded or
 * leased elsewhere first it becomes a conflict with both sides; an unknown or forged code is refused.
 * `alreadyTried`: a bulk update just failed to apply it, so go straight to finding out why.
 */
export function* redeemEntry(ctx: EntryContext, args: VoucherRedeemV1, alreadyTried = false): Steps<EntryOutcome> {
  const prepared = prepareRedeem(ctx, args);
  if (!prepared.ok) return prepared.outcome;
  const { p } = prepared;
  // A redemption inside another entry (a sale's voucher) was not in the group's look-up.
  if (!ctx.ledgerIds.knows(p.redemptionId)) {
    const found = yield* redemptionIdsInLedger(ctx.kind, p.merchantId, [p.redemptionId]);
    ctx.ledgerIds.learn(p.redemptionId, found.has(p.redemptionId));
  }
  if (p.basis === 'provisional' && !ctx.ledgerIds.has(p.redemptionId)) {
    const broken = yield* provisionalConflict(ctx, p, args);
    if (broken) return broken;
  }
  for (let pass = 0; pass < 3; pass++) {
    const skip = ctx.ledgerIds.has(p.redemptionId) || (alreadyTried && pass === 0);
    const accepted = skip ? undefined : yield* acceptOffline(ctx.kind, p);
    if (accepted) return acceptedOutcome(ctx, p, accepted);
    const prior = yield* ledgerEntry(p.merchantId, p.redemptionId);
    // Not there after all (a savepoint rolled it back): the next pass applies it.
    if (!prior) ctx.ledgerIds.learn(p.redemptionId, false);
    if (prior) {
      if (prior.fingerprint !== p.fingerprint) return rejected(ctx, 'REDEMPTION_ID_REUSED', 'this redemption id was already used for a different redemption');
      return duplicateOf(withClock(prior.record, prior.clockSkewMs), prior.record.serverTime);
    }
    const voucher = yield* voucherByCode(p.merchantId, p.code, p.storeId);
    if (!voucher) return rejected(ctx, 'VOUCHER_NOT_FOUND', 'no voucher with this code');
    // Leases count as they stand now (as the update judged them); validity at the business time.
    const leaseLapsed = voucher.leasedElsewhereUntil !== null && voucher.leasedElsewhereUntil <= p.serverTime;
    const why = whyNotRedeemable(leaseLapsed ? { ...voucher, leasedElsewhereUntil: null } : voucher, p.businessTime, p.count);
    if (why && CONFLICT_CODES.has(why.code)) {
      const record = yield* recordConflict(p, voucher, why, ctx.entry.seq, args.leaseId);
      ctx.ledgerIds.learn(p.redemptionId, true);
      return conflicted(ctx, withClock(record, p.skewMs));
    }
    if (why) return rejected(ctx, why.code, why.message);
    // Redeemable once its campaign's validity rules are checked for the business time.
    p.rulesPassedCampaignId = voucher.campaignId;
  }
  throw new Error('the voucher kept changing while applying an offline redemption');
}

/**
 * A provisional redemption that breaks the store's offline policy is recorded as a conflict naming
 * the rule (it takes no use), never silently accepted. A voucher that could not be redeemed anyway
 * is left to the usual explanation.
 */
function* provisionalConflict(ctx: EntryContext, p: OfflineRedeemParams, args: VoucherRedeemV1): Steps<EntryOutcome | null> {
  const voucher = yield* voucherByCode(p.merchantId, p.code, p.storeId);
  if (!voucher) return null;
  const leaseLapsed = voucher.leasedElsewhereUntil !== null && voucher.leasedElsewhereUntil <= p.serverTime;
  if (whyNotRedeemable(leaseLapsed ? { ...voucher, leasedElsewhereUntil: null } : voucher, p.businessTime, p.count)) return null;
  const broken = yield* brokenOfflineRule(p, args, voucher.faceValueFen);
  if (!broken) return null;
  const record = yield* recordConflict(p, voucher, { ok: false, ...broken }, ctx.entry.seq, args.leaseId);
  ctx.ledgerIds.learn(p.redemptionId, true);
  return conflicted(ctx, withClock(record, p.skewMs));
}

function recordOf(p: OfflineRedeemParams, voucherId: string, campaignTitle: string, remaining: number): RedemptionRecord {
  return {
    redemptionId: p.redemptionId,
    voucherId,
    codeMasked: maskCode(p.code),
    campaignTitle,
    count: p.count,
    remaining,
    storeId: p.storeId,
    terminalId: p.terminalId,
    cashierId: p.cashierId,
    deviceTime: p.deviceTime,
    serverTime: p.serverTime,
    mode: 'offline',
    outcome: 'accepted',
  };
}
