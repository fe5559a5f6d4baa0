import { Dexie } from 'dexie';
import type { ShiftRedemptionFact } from '../../core/shift/redemption-tally';
import type { CounterShift } from '../db/counter-tables';
import type { LocalRedemption, PosDb } from '../db/pos-db';

/**
 * A redemption as the shift report counts it: refused ones never happened; a reversal counts
 * unless the server refused it. The terminal keeps the campaign's title, not its id.
 */
export function redemptionFact(r: Pick<LocalRedemption, 'campaignTitle' | 'count' | 'mode' | 'reversal'>): ShiftRedemptionFact {
  return { campaignKey: r.campaignTitle, title: r.campaignTitle, count: r.count, offline: r.mode === 'offline', reversed: r.reversal !== null && r.reversal.status !== 'rejected' };
}

/** Every redemption this terminal made while the shift was open, on 核销 or on a bill (device times, as the server keeps them). */
export async function shiftRedemptions(db: PosDb, shift: Pick<CounterShift, 'openedAt' | 'closedAt'>): Promise<LocalRedemption[]> {
  const rows = await db.redemptions.where('deviceTime').between(shift.openedAt, shift.closedAt ?? Dexie.maxKey, true, true).toArray();
  return rows.filter((r) => r.status !== 'rejected');
}
