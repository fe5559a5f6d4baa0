import type { CounterShift } from '../db/counter-tables';
import type { PosDb } from '../db/pos-db';

/**
 * Who a shift report names: whoever opened the shift and, once closed, whoever closed it (one name
 * when it is the same person). A user no longer mirrored here is named by id rather than left out.
 */
export async function shiftCashiers(db: PosDb, shift: Pick<CounterShift, 'openedBy' | 'closedBy'>): Promise<string> {
  const ids = [shift.openedBy, ...(shift.closedBy && shift.closedBy !== shift.openedBy ? [shift.closedBy] : [])];
  const names = await Promise.all(ids.map(async (id) => (await db.terminalUsers.get(id))?.name ?? id));
  return names.join(' / ');
}
