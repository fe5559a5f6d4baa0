import type { CounterMember } from '../db/counter-tables';
import type { PosDb } from '../db/pos-db';

/** The tables `withPendingEdits` reads, for the pull's transaction. */
export function pendingEditTables(db: PosDb) {
  return [db.memberEdits] as const;
}

/**
 * Pulled members as the counter must show them: a member edited here keeps the edited values until
 * the server has answered the edit (a pull can land before the push that carries it).
 */
export async function withPendingEdits(db: PosDb, members: readonly CounterMember[]): Promise<CounterMember[]> {
  if (members.length === 0) return [];
  const pending = await db.memberEdits.where('status').equals('pending').sortBy('patchId');
  if (pending.length === 0) return [...members];
  return members.map((m) => {
    const ids = new Set([m.memberId, ...m.aliasIds]);
    return pending.filter((e) => ids.has(e.memberId)).reduce<CounterMember>((shown, e) => ({ ...shown, ...e.fields }), m);
  });
}
