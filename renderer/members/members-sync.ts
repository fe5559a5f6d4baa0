import type { CounterMember } from '../db/counter-tables';
import type { SyncHandler } from '../sync/sync-handlers';
import { applyMemberEditResult, memberEditTables } from './member-edit-results';
import { pendingEditTables, withPendingEdits } from './pending-edits';

/** The Members screen's part of sync: pulled members keep edits not yet pushed; answers settle edits. */
export const membersSyncHandler: SyncHandler = {
  pullTables: (db) => pendingEditTables(db),
  adjustPulled: { kind: 'member', rows: (db, rows) => withPendingEdits(db, rows as CounterMember[]) },
  pushTables: (db) => memberEditTables(db),
  applyResult: (db, entry, result) => applyMemberEditResult(db, entry, result),
};
