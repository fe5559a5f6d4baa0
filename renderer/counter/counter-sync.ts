import type { CounterMember } from '../db/counter-tables';
import type { SyncHandler } from '../sync/sync-handlers';
import { catalogCategoryFromChange, catalogItemFromChange } from './catalog-rows';
import { counterMemberFromChange, dropMergedEnrolments, onePerPhone } from './counter-members-sync';
import { applyCounterResult, counterResultTables } from './counter-results';
import { pendingPointsTables, withPendingPoints } from './member-points';

/**
 * The counter's part of sync: pulled members and catalog rows, members keeping the points of
 * sales not yet pushed, and the server's answers to sales, refunds, enrolments and shifts.
 */
export const counterSyncHandler: SyncHandler = {
  kinds: {
    member: { table: (db) => db.counterMembers, row: (change) => counterMemberFromChange(change.data) },
    catalog_item: { table: (db) => db.catalogItems, row: (change) => catalogItemFromChange(change.data) },
    catalog_category: { table: (db) => db.catalogCategories, row: (change) => catalogCategoryFromChange(change.data) },
  },
  pullTables: (db) => [db.counterMembers, ...pendingPointsTables(db)],
  adjustPulled: {
    kind: 'member',
    rows: async (db, rows) => {
      const members = onePerPhone(rows as CounterMember[]);
      await dropMergedEnrolments(db, members);
      return withPendingPoints(db, members);
    },
  },
  pushTables: (db) => counterResultTables(db),
  applyResult: applyCounterResult,
};
