import { CampaignValidityRules, evaluateValidity } from '../../../core/campaign-rules';
import type { ErrorCode } from '../../../core/errors';
import type { CampaignRow, LeaseRow, StorePolicyRow, VoucherRow } from '../../../core/sync';

/** What the terminal knows about one voucher while the server is out of reach. */
export interface OfflineFacts {
  voucher: VoucherRow;
  /** Absent when only a signed QR vouches for it: then its value is unknown. */
  campaign: CampaignRow | undefined;
  leases: readonly LeaseRow[];
  policy: StorePolicyRow | undefined;
  storeId: string;
  timeZone: string;
  /** Uses of this voucher spent on this terminal that the mirror does not show yet. */
  localUses: number;
  /** Provisional redemptions of this terminal still waiting for the server. */
  provisionalPending: { uses: number; valueFen: number };
  /** Last time the server answered (ms), null if never. */
  lastContactAt: number | null;
  now: Date;
  count: number;
}

export type OfflineVerdict =
  | { ok: true; basis: 'lease'; leaseId: string; remaining: number; valueFen: number; needsPin: false }
  | { ok: true; basis: 'provisional'; leaseId: null; remaining: number; valueFen: number; needsPin: boolean }
  | { ok: false; code: ErrorCode; remaining: number };

const HOUR = 3_600_000;

/** Uses left as far as this terminal can tell: the mirror minus what it spent since. */
export function remainingUses(facts: Pick<OfflineFacts, 'voucher' | 'localUses'>): number {
  return Math.max(0, facts.voucher.uses - facts.voucher.redeemed - facts.localUses);
}

/** The same conditions as the server's online check, in the same order, on the mirrored row. */
function whyNotValid(facts: OfflineFacts, remaining: number): ErrorCode | null {
  const { voucher, now } = facts;
  const nowIso = now.toISOString();
  if (voucher.status === 'void') return 'VOUCHER_NOT_ACTIVE';
  if (voucher.status === 'exhausted' || remaining < facts.count) return 'VOUCHER_EXHAUSTED';
  if (!voucher.storeIds.includes(facts.storeId)) return 'NOT_VALID_AT_STORE';
  if (nowIso < voucher.validFrom) return 'VOUCHER_NOT_YET_VALID';
  if (nowIso >= voucher.validUntil) return 'VOUCHER_EXPIRED';
  const rules = CampaignValidityRules.safeParse(facts.campaign?.rules ?? {});
  if (rules.success) {
    const validity = evaluateValidity(rules.data, now, facts.timeZone);
    if (!validity.ok) return validity.code;
  }
  return null;
}

function bestLease(facts: OfflineFacts): LeaseRow | null {
  const active = facts.leases.filter(
    (l) => l.storeId === facts.storeId && !l.revoked && l.expiresAt > facts.now.toISOString() && l.voucherId === facts.voucher.voucherId,
  );
  return active.sort((a, b) => b.uses - a.uses)[0] ?? null;
}

/**
 * Inside a lease the store may redeem with no risk of a double spend elsewhere. Beyond it the
 * merchant's policy decides: provisional within the caps (the server may still find a conflict),
 * with a manager PIN above a value, or a refusal that says why.
 */
export function judgeOffline(facts: OfflineFacts): OfflineVerdict {
  const remaining = remainingUses(facts);
  const invalid = whyNotValid(facts, remaining);
  if (invalid) return { ok: false, code: invalid, remaining };
  const valueFen = (facts.campaign?.faceValueFen ?? 0) * facts.count;

  const lease = bestLease(facts);
  if (lease) {
    const leased = Math.min(lease.uses, facts.voucher.uses - facts.voucher.redeemed) - facts.localUses;
    if (leased >= facts.count) return { ok: true, basis: 'lease', leaseId: lease.leaseId, remaining, valueFen, needsPin: false };
  }

  const rules = facts.policy?.provisional;
  if (!rules?.enabled) return { ok: false, code: 'OFFLINE_NOT_ALLOWED', remaining };
  if (facts.lastContactAt === null || facts.now.getTime() - facts.lastContactAt > rules.maxOfflineHours * HOUR) {
    return { ok: false, code: 'OFFLINE_TOO_LONG', remaining };
  }
  const uses = facts.provisionalPending.uses + facts.count;
  const value = facts.provisionalPending.valueFen + valueFen;
  if (uses > rules.maxCountPerTerminal || value > rules.maxValueFenPerTerminal) {
    return { ok: false, code: 'OFFLINE_CAP_REACHED', remaining };
  }
  // A voucher known only from its signed QR has no known value: a manager must look at it.
  const needsPin = facts.campaign === undefined || valueFen > rules.managerPinAboveFen;
  return { ok: true, basis: 'provisional', leaseId: null, remaining, valueFen, needsPin };
}
