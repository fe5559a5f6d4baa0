import { useCounterSettingsStore } from './counter-settings-store';
import { useStaffStore } from './staff-store';

/** Who a redemption is recorded under: the signed-in counter user, or the shared counter user. */
export interface CounterCashier {
  /** The signed-in user's id; null for the shared counter user. */
  id: string | null;
  /** The signed-in user's name; null for the shared counter user (the slip names it as such). */
  name: string | null;
}

/**
 * The cashier a redemption names now: whoever signed in; with nobody signed in, the shared counter
 * user if the merchant allows one, else nobody — and then the counter must ask for a sign-in first.
 */
export function counterCashier(): CounterCashier | null {
  const me = useStaffStore().current;
  if (me) return { id: me.userId, name: me.name };
  return useCounterSettingsStore().settings.sharedCounterUser ? { id: null, name: null } : null;
}
