import type { ManagerPinRow, TerminalUserRow } from '../../core/sync';
import type { PosDb } from '../db/pos-db';

/** Who may approve at this store: the policy's managers and the synced users with the manager role. */
export async function managersOf(db: PosDb, storeId: string): Promise<ManagerPinRow[]> {
  const [policy, users] = await Promise.all([db.storePolicies.get(storeId), db.terminalUsers.toArray()]);
  const fromUsers = users
    .filter((u) => u.storeId === storeId && u.role === 'manager')
    .map((u) => ({ managerId: u.userId, name: u.name, pinVerifier: u.pinVerifier }));
  const seen = new Set(fromUsers.map((m) => m.managerId));
  return [...fromUsers, ...(policy?.managers ?? []).filter((m) => !seen.has(m.managerId))];
}

/** Everyone who may sign in at this store's counter, as PIN verifiers (ManagerPinRow shape, role aside). */
export async function staffOf(db: PosDb, storeId: string): Promise<{ row: ManagerPinRow; role: TerminalUserRow['role'] }[]> {
  const users = (await db.terminalUsers.toArray()).filter((u) => u.storeId === storeId);
  const managers = await managersOf(db, storeId);
  const staff = users.map((u) => ({ row: { managerId: u.userId, name: u.name, pinVerifier: u.pinVerifier }, role: u.role }));
  const seen = new Set(staff.map((s) => s.row.managerId));
  for (const m of managers) if (!seen.has(m.managerId)) staff.push({ row: m, role: 'manager' });
  return staff;
}
