import type { LocalRedemption, PosDb } from './pos-db';

export const RECENT_LIMIT = 12;

type OnlineAttempt = Pick<LocalRedemption, 'redemptionId' | 'codeMasked' | 'campaignTitle' | 'count' | 'deviceTime'> &
  Partial<Pick<LocalRedemption, 'voucherId' | 'valueFen' | 'cashierName'>>;

/** An online redemption about to be sent: pending until the server answers. */
export async function recordPending(db: PosDb, entry: OnlineAttempt): Promise<void> {
  await db.redemptions.put({
    voucherId: null,
    valueFen: 0,
    ...entry,
    status: 'pending',
    remaining: null,
    errorCode: null,
    serverTime: null,
    mode: 'online',
    basis: null,
    settledAt: null,
    reversal: null,
  });
}

export async function markAccepted(db: PosDb, redemptionId: string, remaining: number, serverTime: string): Promise<void> {
  await db.redemptions.update(redemptionId, { status: 'accepted', remaining, serverTime, errorCode: null, settledAt: Date.now() });
}

/** Recorded by the server as a conflict (first offline, then found spent elsewhere): it took no use. */
export async function markConflict(db: PosDb, redemptionId: string, remaining: number | null, serverTime: string | null): Promise<void> {
  await db.redemptions.update(redemptionId, { status: 'conflict', remaining, serverTime, errorCode: 'REDEMPTION_CONFLICT', settledAt: Date.now() });
}

export async function markRejected(db: PosDb, redemptionId: string, errorCode: string): Promise<void> {
  await db.redemptions.update(redemptionId, { status: 'rejected', errorCode, settledAt: Date.now() });
}

export async function recentRedemptions(db: PosDb, limit: number = RECENT_LIMIT): Promise<LocalRedemption[]> {
  return db.redemptions.orderBy('deviceTime').reverse().limit(limit).toArray();
}

/** Online redemptions whose answer was lost; offline ones are settled by the sync engine. */
export async function pendingRedemptions(db: PosDb): Promise<LocalRedemption[]> {
  return db.redemptions
    .where('status')
    .equals('pending')
    .filter((r) => r.mode !== 'offline')
    .toArray();
}
