/** What the UI shows about sync; the pending count and its age come from the outbox itself. */
export interface SyncStatus {
  /** This window runs the engine; other windows mirror the leader's status. */
  leader: boolean;
  connection: 'unknown' | 'online' | 'offline';
  activity: 'idle' | 'pushing' | 'pulling' | 'waiting';
  /** Last complete push and pull (ms). */
  lastSyncAt: number | null;
  /** First download (or one after a reset) under way. */
  snapshot: { done: number; total: number } | null;
  /** A refusal a person must look at (a revoked token, a malformed entry); null when all is well. */
  problem: string | null;
  /** When the next attempt is due while the server is out of reach (ms). */
  retryAt: number | null;
}

export const INITIAL_SYNC_STATUS: SyncStatus = {
  leader: false,
  connection: 'unknown',
  activity: 'idle',
  lastSyncAt: null,
  snapshot: null,
  problem: null,
  retryAt: null,
};
