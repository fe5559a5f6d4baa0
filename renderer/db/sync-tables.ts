import type { EntryResult, OfflineBasis, OutboxEntry } from '../../core/sync';

/**
 * Local pending changes, kept apart from the mirrored server state: an outbox entry is written in
 * the same Dexie transaction as the business effect it carries, and stays until the server answers.
 */
export interface OutboxRecord extends OutboxEntry {
  state: 'pending' | 'done';
  /** The server's answer for this seq, once known. */
  result: EntryResult | null;
  /** When it was written (ms since epoch, this device's clock): the age of what waits. */
  createdAt: number;
}

/** A member row as the server sends it; the POS will read it for member look-up. */
export interface MirroredMember {
  id: string;
  data: unknown;
}

/** Sync bookkeeping, one row per key. */
export interface SyncMetaValues {
  /** The next device sequence number to allocate (gapless from 1). */
  nextSeq: number;
  /** Pull cursor; absent until the first snapshot page has been applied. */
  cursor: string;
  /** Snapshot progress while the first download runs; null once the tail is reached. */
  snapshot: { done: number; total: number } | null;
  /** The store the mirror belongs to; another store means another mirror. */
  scopeStoreId: string;
  /** Last time the server answered a push or pull (ms). */
  lastContactAt: number;
  /** Start (ms, minus a margin) of the last pull that reached the tail: older settlements are in the mirror. */
  mirrorFreshAsOf: number;
}

export type SyncMetaKey = keyof SyncMetaValues;
export type SyncMetaRow = { [K in SyncMetaKey]: { key: K; value: SyncMetaValues[K] } }[SyncMetaKey];

/** How a redemption was made at the counter. */
export type RedemptionMode = 'online' | 'offline';

export interface LocalReversal {
  reversalId: string;
  status: 'pending' | 'accepted' | 'rejected';
  errorCode: string | null;
  reason: string;
  managerId: string;
  requestedAt: string;
}

export type { OfflineBasis };
