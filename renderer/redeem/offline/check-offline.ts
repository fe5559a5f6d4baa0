import { maskCode } from '../../../core/voucher-code';
import type { ErrorCode } from '../../../core/errors';
import { LAST_USES_SHOWN, type VoucherPreview, type VoucherUse } from '../../../core/redemption-api';
import { fail, ok, type Result } from '../../../core/result';
import type { CampaignRow, StorePolicyRow } from '../../../core/sync';
import type { PosDb } from '../../db/pos-db';
import { readMeta } from '../../db/sync-meta';
import { localUsesOf, mirrorFreshness, provisionalPending } from './local-usage';
import { judgeOffline, type OfflineVerdict } from './offline-verdict';
import { findVoucherOffline, type FoundVoucher, type OfflineInput } from './voucher-lookup';

export interface OfflineContext {
  storeId: string;
  timeZone: string;
  now: Date;
  count: number;
  /** The id of a lost online attempt this check would redeem offline under. */
  replacing?: string | null;
  /** This terminal's store and name, for the uses it made itself. */
  here?: { storeName: string; terminalName: string };
}

/** Offline, a voucher's last uses are those this terminal made (its own records); others' it cannot know. */
async function usesMadeHere(db: PosDb, voucherId: string, ctx: OfflineContext): Promise<VoucherUse[]> {
  const mine = await db.redemptions.where('voucherId').equals(voucherId).toArray();
  return mine
    // An online attempt still without an answer may not have happened: not shown as a use.
    .filter((r) => r.status === 'accepted' || r.status === 'conflict' || (r.status === 'pending' && r.mode === 'offline'))
    .sort((a, b) => b.deviceTime.localeCompare(a.deviceTime))
    .slice(0, LAST_USES_SHOWN)
    .map((r) => ({
      at: r.deviceTime,
      storeName: ctx.here?.storeName ?? null,
      terminalName: ctx.here?.terminalName ?? null,
      cashierName: null,
      count: r.count,
      mode: r.mode,
      reversed: r.reversal?.status === 'accepted',
    }));
}

export interface OfflineCheck {
  found: FoundVoucher;
  campaign: CampaignRow | undefined;
  policy: StorePolicyRow | undefined;
  verdict: OfflineVerdict;
  /** The same shape the online look-up returns, so the screen shows both alike. */
  preview: VoucherPreview;
}

/** The tables an offline check reads; a redemption re-checks inside a transaction over them. */
export function offlineCheckTables(db: PosDb) {
  return [db.vouchers, db.leases, db.campaigns, db.storePolicies, db.redemptions, db.syncMeta] as const;
}

/** Judges a voucher already found; reads only Dexie, so it can run inside a transaction. */
export async function judgeFound(db: PosDb, found: FoundVoucher, ctx: OfflineContext): Promise<OfflineCheck> {
  const { voucher } = found;
  const [campaign, leases, policy, fresh, provisional, lastContactAt] = await Promise.all([
    found.mirrored ? db.campaigns.get(voucher.campaignId) : Promise.resolve(undefined),
    db.leases.where('voucherId').equals(voucher.voucherId).toArray(),
    db.storePolicies.get(ctx.storeId),
    mirrorFreshness(db),
    provisionalPending(db),
    readMeta(db, 'lastContactAt'),
  ]);
  const [localUses, lastUses] = await Promise.all([localUsesOf(db, voucher.voucherId, fresh, ctx.replacing ?? null), usesMadeHere(db, voucher.voucherId, ctx)]);
  const verdict = judgeOffline({
    voucher,
    campaign,
    leases,
    policy,
    storeId: ctx.storeId,
    timeZone: ctx.timeZone,
    localUses,
    provisionalPending: provisional,
    lastContactAt: lastContactAt ?? null,
    now: ctx.now,
    count: ctx.count,
  });
  const preview: VoucherPreview = {
    voucherId: voucher.voucherId,
    codeMasked: maskCode(found.code),
    campaignId: voucher.campaignId,
    campaignTitle: campaign?.title ?? '',
    kind: campaign?.kind ?? 'product',
    faceValueFen: campaign?.faceValueFen ?? 0,
    uses: voucher.uses,
    redeemed: voucher.uses - verdict.remaining,
    remaining: verdict.remaining,
    status: voucher.status,
    validFrom: voucher.validFrom,
    validUntil: voucher.validUntil,
    buyerPhoneMasked: voucher.buyerPhoneMasked,
    redeemable: verdict.ok,
    reason: verdict.ok ? null : verdict.code,
    ...(lastUses.length > 0 ? { lastUses } : {}),
  };
  return { found, campaign, policy, verdict, preview };
}

/** Looks a code or QR up in the mirror and says whether, and on what basis, it can be redeemed here now. */
export async function checkOffline(db: PosDb, input: OfflineInput, ctx: OfflineContext): Promise<Result<OfflineCheck, ErrorCode>> {
  // One read transaction for the dozen reads: a consistent view, and far fewer round trips to IndexedDB.
  return db.transaction('r', [...offlineCheckTables(db), db.merchantKeys], async () => {
    const found = await findVoucherOffline(db, input, ctx.storeId, ctx.now);
    if (!found.ok) return fail(found.code, found.message);
    return ok(await judgeFound(db, found.value, ctx));
  });
}
