import { Dexie } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import type { IntentName } from '../../core/sync';
import type { PosDb } from './pos-db';
import { readMeta, writeMeta } from './sync-meta';
import type { OutboxRecord } from './sync-tables';

/** The tables a transaction must include to append to the outbox. */
export function outboxTables(db: PosDb) {
  return [db.outbox, db.syncMeta] as const;
}

/**
 * Appends an entry with the next device sequence number. Call it inside the rw transaction that
 * writes the entry's local effect: IndexedDB serialises such transactions, even across windows,
 * so the sequence stays gapless and the effect never exists without its entry.
 */
export async function appendOutbox(
  db: PosDb,
  entry: { intent: IntentName; args: unknown; deviceTime: string; clientId?: string },
  now: number = Date.now(),
): Promise<OutboxRecord> {
  const seq = (await readMeta(db, 'nextSeq')) ?? 1;
  const record: OutboxRecord = {
    seq,
    clientId: entry.clientId ?? uuidv7(),
    intent: entry.intent,
    args: entry.args,
    deviceTime: entry.deviceTime,
    state: 'pending',
    result: null,
    createdAt: now,
  };
  await db.outbox.add(record);
  await writeMeta(db, 'nextSeq', seq + 1);
  return record;
}

function pendingInOrder(db: PosDb) {
  return db.outbox.where('[state+seq]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]);
}

/** The oldest entries still waiting for a server answer, in sequence order. */
export async function pendingOutbox(db: PosDb, limit: number): Promise<OutboxRecord[]> {
  return pendingInOrder(db).limit(limit).toArray();
}

export interface OutboxBacklog {
  count: number;
  /** createdAt of the oldest pending entry (ms), or null when nothing waits. */
  oldestAt: number | null;
}

export async function outboxBacklog(db: PosDb): Promise<OutboxBacklog> {
  return db.transaction('r', db.outbox, async () => {
    const count = await pendingInOrder(db).count();
    const oldest = count > 0 ? await pendingInOrder(db).first() : undefined;
    return { count, oldestAt: oldest?.createdAt ?? null };
  });
}

/** Answered entries older than `keepMs` are history the server also holds; drop them. */
export async function pruneAnswered(db: PosDb, keepMs: number, now: number = Date.now()): Promise<number> {
  return db.outbox
    .where('[state+seq]')
    .between(['done', Dexie.minKey], ['done', Dexie.maxKey])
    .filter((r) => r.createdAt < now - keepMs)
    .delete();
}
