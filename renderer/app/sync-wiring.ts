import { fail, ok } from '../../core/result';
import { counterSyncHandler } from '../counter/counter-sync';
import { membersSyncHandler } from '../members/members-sync';
import { useSessionStore } from '../pairing/session-store';
import { useHistoryStore } from '../redeem/history-store';
import { SyncHandlers } from '../sync/sync-handlers';
import type { SyncStatus } from '../sync/sync-status';
import type { SyncWiring } from '../sync/sync-store';

/** Every feature's sync handler, in the order the engine runs them (the counter's member rows first). */
export function posSyncHandlers(): SyncHandlers {
  return new SyncHandlers().register(counterSyncHandler).register(membersSyncHandler);
}

/** What the session learns from the engine's status: a refused token, the server reached or lost. */
function tellSession(next: SyncStatus, previous: SyncStatus): void {
  const session = useSessionStore();
  if (next.problem === 'UNAUTHORIZED' && previous.problem !== 'UNAUTHORIZED') session.noteResult(fail('UNAUTHORIZED', 'device token refused'));
  // A completed sync proves the server reachable, whatever an earlier request said.
  const synced = next.lastSyncAt !== previous.lastSyncAt && next.connection === 'online';
  if (synced || (next.connection !== previous.connection && next.connection !== 'unknown')) {
    session.noteResult(next.connection === 'online' ? ok(null) : fail('NETWORK_UNREACHABLE', 'sync could not reach the server'));
  }
}

/** The POS's sync engine as composed at start: the features' handlers and who hears of its changes. */
export function posSyncWiring(): SyncWiring {
  return {
    handlers: posSyncHandlers(),
    onStatus: tellSession,
    // Settlements written by the engine (here or in another window) show in the recent list.
    onRedemptionsChanged: () => void useHistoryStore().load(),
  };
}
