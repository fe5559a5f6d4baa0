import type { LocalRedemption, PosDb } from '../../db/pos-db';
import { readMeta } from '../../db/sync-meta';

/**
 * Whether a redemption of this terminal still weighs on top of the mirror: it is pending, or its
 * answer arrived after the last complete pull began (the mirror may not show it yet). Refused and
 * conflicting ones never used the voucher up. A reversal gives nothing back until the mirror shows it.
 */
export function weighsOnMirror(r: LocalRedemption, mirrorFreshAsOf: number): boolean {
  if (r.status === 'pending') return true;
  if (r.status !== 'accepted') return false;
  return r.settledAt === null || r.settledAt > mirrorFreshAsOf;
}

export async function mirrorFreshness(db: PosDb): Promise<number> {
  return (await readMeta(db, 'mirrorFreshAsOf')) ?? 0;
}

/**
 * Uses of one voucher spent here that the mirror does not show yet; `replacing` leaves out the
 * lost online attempt an offline redemption is about to stand in for (same id, counted once).
 */
export async function localUsesOf(db: PosDb, voucherId: string, mirrorFreshAsOf: number, replacing: string | null = null): Promise<number> {
  const rows = await db.redemptions.where('voucherId').equals(voucherId).toArray();
  return rows.filter((r) => r.redemptionId !== replacing && weighsOnMirror(r, mirrorFreshAsOf)).reduce((sum, r) => sum + r.count, 0);
}

/** Provisional redemptions of this terminal that the server has not settled: what the caps limit. */
export async function provisionalPending(db: PosDb): Promise<{ uses: number; valueFen: number }> {
  const rows = await db.redemptions
    .where('status')
    .equals('pending')
    .filter((r) => r.mode === 'offline' && r.basis === 'provisional')
    .toArray();
  return rows.reduce((acc, r) => ({ uses: acc.uses + r.count, valueFen: acc.valueFen + r.valueFen }), { uses: 0, valueFen: 0 });
}
