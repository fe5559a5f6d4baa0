import { liveQuery, type Subscription } from 'dexie';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { TerminalUserRow } from '../../core/sync';
import { posDb } from '../db/instance';
import { readMeta } from '../db/sync-meta';
import { managerPinGate } from './pin-gate';
import { useCounterSettingsStore } from './counter-settings-store';
import { useSessionStore } from '../pairing/session-store';
import { staffOf } from './staff-pins';

export interface SignedIn {
  userId: string;
  name: string;
  role: TerminalUserRow['role'];
}

/**
 * Who is signed in once the synced staff changed: the same person (maybe renamed or with a new
 * role), or nobody when they are no longer staff here. A snapshot still under way has not listed
 * everyone yet, so it signs nobody out.
 */
export function signedInAfterSync(me: SignedIn, staff: readonly { row: { managerId: string; name: string }; role: SignedIn['role'] }[], partial: boolean): SignedIn | null {
  if (partial) return me;
  const who = staff.find((s) => s.row.managerId === me.userId);
  if (!who) return null;
  return who.role === me.role && who.row.name === me.name ? me : { userId: me.userId, name: who.row.name, role: who.role };
}

/**
 * Who works the counter: a cashier or manager signs in with their PIN (checked offline against the
 * synced verifiers); wrong PINs in a row lock the prompt for a while. Someone the merchant
 * disables (or whose store role ends) is signed out as soon as the sync brings the change.
 */
export const useStaffStore = defineStore('counterStaff', () => {
  const current = ref<SignedIn | null>(null);
  const problem = ref<string | null>(null);
  const busy = ref(false);
  useCounterSettingsStore();
  let watching: Subscription | null = null;

  /** Keeps the signed-in person in step with the synced staff. */
  function follow(storeId: string): void {
    watching?.unsubscribe();
    const db = posDb();
    const read = async () => ({ partial: Boolean(await readMeta(db, 'snapshot')), staff: await staffOf(db, storeId) });
    watching = liveQuery(read).subscribe(({ partial, staff }) => {
      const me = current.value;
      if (!me) return;
      const next = signedInAfterSync(me, staff, partial);
      if (next === null) signOut();
      else if (next !== me) current.value = next;
    });
  }

  async function signIn(pin: string): Promise<boolean> {
    busy.value = true;
    problem.value = null;
    try {
      const storeId = useSessionStore().pairing?.storeId ?? '';
      const staff = await staffOf(posDb(), storeId);
      const checked = await managerPinGate.approve(staff.map((s) => s.row), pin);
      if (!checked.ok) {
        problem.value = checked.code === 'MANAGER_APPROVAL_UNAVAILABLE' ? 'PIN_INVALID' : checked.code === 'PIN_PROMPT_LOCKED' ? 'PIN_PROMPT_LOCKED' : 'PIN_INVALID';
        return false;
      }
      const who = staff.find((s) => s.row.managerId === checked.value.managerId)!;
      current.value = { userId: who.row.managerId, name: who.row.name, role: who.role };
      follow(storeId);
      return true;
    } finally {
      busy.value = false;
    }
  }

  function signOut(): void {
    watching?.unsubscribe();
    watching = null;
    current.value = null;
  }

  return { current, problem, busy, signIn, signOut };
});
