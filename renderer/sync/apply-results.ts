import { RedemptionRecord } from '../../core/redemption-api';
import { VoucherRedeemV1, VoucherReverseV1, type EntryResult } from '../../core/sync';
import type { LocalRedemption, LocalRedemptionStatus, PosDb } from '../db/pos-db';
import type { OutboxRecord } from '../db/sync-tables';
import type { SyncHandlers } from './sync-handlers';

/** The lasting verdict an entry result stands for; a duplicate carries the first answer. */
export function settledOutcome(result: EntryResult): { outcome: 'accepted' | 'conflict' | 'rejected'; record: RedemptionRecord | null } {
  const record = RedemptionRecord.safeParse(result.result);
  const parsed = record.success ? record.data : null;
  if (result.status === 'rejected' || result.error) return { outcome: 'rejected', record: parsed };
  if (result.status === 'conflict' || parsed?.outcome === 'conflict') return { outcome: 'conflict', record: parsed };
  if (parsed?.outcome === 'rejected') return { outcome: 'rejected', record: parsed };
  return { outcome: 'accepted', record: parsed };
}

function redemptionEffect(r: LocalRedemption, result: EntryResult, now: number): LocalRedemption {
  const { outcome, record } = settledOutcome(result);
  const status: LocalRedemptionStatus = outcome;
  return {
    ...r,
    status,
    errorCode: outcome === 'rejected' ? (result.error?.code ?? 'UNKNOWN') : null,
    remaining: record?.remaining ?? r.remaining,
    serverTime: record?.serverTime ?? result.serverTime,
    settledAt: now,
  };
}

function reversalEffect(r: LocalRedemption, reversalId: string, result: EntryResult): LocalRedemption {
  if (!r.reversal || r.reversal.reversalId !== reversalId) return r;
  const rejected = result.status === 'rejected' || result.error !== null;
  return { ...r, reversal: { ...r.reversal, status: rejected ? 'rejected' : 'accepted', errorCode: rejected ? (result.error?.code ?? 'UNKNOWN') : null } };
}

export interface AppliedResults {
  answered: number;
  /** Rejected entries that reused the id of a lost online attempt: the server's record settles them. */
  reusedIds: string[];
}

/**
 * Records the server's answers in one transaction: each outbox entry is marked done with its
 * result, the features' handlers record it on their rows, and the redemption or reversal it
 * carried takes the server's verdict.
 */
export async function applyPushResults(
  db: PosDb,
  handlers: SyncHandlers,
  sent: readonly OutboxRecord[],
  results: readonly EntryResult[],
  now: number,
): Promise<AppliedResults> {
  const bySeq = new Map(sent.map((e) => [e.seq, e]));
  const reusedIds: string[] = [];
  let answered = 0;
  await db.transaction('rw', [db.outbox, db.redemptions, ...handlers.pushTables(db)], async () => {
    for (const result of results) {
      const entry = bySeq.get(result.seq);
      if (!entry || entry.clientId !== result.clientId) continue;
      answered += 1;
      await db.outbox.update(entry.seq, { state: 'done', result });
      await handlers.applyResult(db, entry, result, now);
      const redeem = entry.intent === 'voucher.redeem@1' ? VoucherRedeemV1.safeParse(entry.args) : null;
      const reverse = entry.intent === 'voucher.reverse@1' ? VoucherReverseV1.safeParse(entry.args) : null;
      const redemptionId = redeem?.data?.redemptionId ?? reverse?.data?.redemptionId;
      const local = redemptionId ? await db.redemptions.get(redemptionId) : undefined;
      if (!local) continue;
      if (redeem?.success) {
        await db.redemptions.put(redemptionEffect(local, result, now));
        if (result.error?.code === 'REDEMPTION_ID_REUSED') reusedIds.push(local.redemptionId);
      } else if (reverse?.success) {
        await db.redemptions.put(reversalEffect(local, reverse.data.reversalId, result));
      }
    }
  });
  return { answered, reusedIds };
}

/** The server lost entries from `expectedSeq` on (restored from a backup): send them again. */
export async function requeueFrom(db: PosDb, expectedSeq: number): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const first = await db.outbox.get(expectedSeq);
    if (!first) return false;
    await db.outbox.where('seq').aboveOrEqual(expectedSeq).modify({ state: 'pending', result: null });
    return true;
  });
}

/** Settles a redemption from the server's own record of it (looked up by id). */
export async function settleFromRecord(db: PosDb, record: RedemptionRecord, now: number): Promise<void> {
  await db.redemptions.update(record.redemptionId, {
    status: record.outcome,
    errorCode: null,
    remaining: record.remaining,
    serverTime: record.serverTime,
    settledAt: now,
  });
}

/**
 * The server already holds other entries under these numbers (this device's database was
 * replaced while its identity stayed): give the waiting entries fresh numbers after `lastSeq`.
 */
export async function renumberPending(db: PosDb, lastSeq: number): Promise<void> {
  await db.transaction('rw', [db.outbox, db.syncMeta], async () => {
    const pending = await db.outbox.where('[state+seq]').between(['pending', -Infinity], ['pending', Infinity]).toArray();
    await db.outbox.bulkDelete(pending.map((e) => e.seq));
    const renumbered = pending.map((e, i) => ({ ...e, seq: lastSeq + 1 + i }));
    await db.outbox.bulkAdd(renumbered);
    await db.syncMeta.put({ key: 'nextSeq', value: lastSeq + 1 + pending.length });
  });
}
