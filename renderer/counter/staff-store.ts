import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { TerminalUserRow } from '../../core/sync';
import { posDb } from '../db/instance';
import { ManagerPinGate } from '../offline/manager-pin';
import { useSessionStore } from '../stores/session';
import { staffOf } from './staff-pins';

export interface SignedIn {
  userId: string;
  name: string;
  role: TerminalUserRow['role'];
}

/**
 * Who works the counter: a cashier or manager signs in with their PIN (checked offline against the
 * synced verifiers); wrong PINs in a row lock the prompt for a while.
 */
export const useStaffStore = defineStore('counterStaff', () => {
  const current = ref<SignedIn | null>(null);
  const problem = ref<string | null>(null);
  const busy = ref(false);
  const gate = new ManagerPinGate();

  async function signIn(pin: string): Promise<boolean> {
    busy.value = true;
    problem.value = null;
    try {
      const staff = await staffOf(posDb(), useSessionStore().pairing?.storeId ?? '');
      const checked = await gate.approve(staff.map((s) => s.row), pin);
      if (!checked.ok) {
        problem.value = checked.code === 'MANAGER_APPROVAL_UNAVAILABLE' ? 'PIN_INVALID' : checked.code === 'RATE_LIMITED' ? 'PIN_LOCKED' : 'PIN_INVALID';
        return false;
      }
      const who = staff.find((s) => s.row.managerId === checked.value.managerId)!;
      current.value = { userId: who.row.managerId, name: who.row.name, role: who.role };
      return true;
    } finally {
      busy.value = false;
    }
  }

  function signOut(): void {
    current.value = null;
  }

  return { current, problem, busy, signIn, signOut };
});
