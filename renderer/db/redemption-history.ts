import type { LocalRedemption, PosDb } from './pos-db';

export const RECENT_LIMIT = 12;

export async function recordPending(db: PosDb, entry: Omit<LocalRedemption, 'status' | 'remaining' | 'errorCode' | 'serverTime'>): Promise<void> {
  await db.redemptions.put({ ...entry, status: 'pending', remaining: null, errorCode: null, serverTime: null });
}

export async function markAccepted(db: PosDb, redemptionId: string, remaining: number, serverTime: string): Promise<void> {
  await db.redemptions.update(redemptionId, { status: 'accepted', remaining, serverTime, errorCode: null });
}

export async function markRejected(db: PosDb, redemptionId: string, errorCode: string): Promise<void> {
  await db.redemptions.update(redemptionId, { status: 'rejected', errorCode });
}

export async function recentRedemptions(db: PosDb, limit: number = RECENT_LIMIT): Promise<LocalRedemption[]> {
  return db.redemptions.orderBy('deviceTime').reverse().limit(limit).toArray();
}

export async function pendingRedemptions(db: PosDb): Promise<LocalRedemption[]> {
  return db.redemptions.where('status').equals('pending').toArray();
}
