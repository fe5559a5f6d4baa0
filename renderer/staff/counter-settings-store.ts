import { liveQuery } from 'dexie';
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import { DEFAULT_COUNTER_SETTINGS, type CounterSettings } from '../../core/sale/counter-settings';
import { posDb } from '../db/instance';
import { managerPinGate } from './pin-gate';
import type { PosDb } from '../db/pos-db';

/** The merchant's counter settings as last pulled, or the server's own defaults before the first pull. */
export async function counterSettingsOf(db: PosDb): Promise<CounterSettings> {
  return (await db.counterSettings.toCollection().first()) ?? DEFAULT_COUNTER_SETTINGS;
}

/** The counter settings the screens and the PIN gate use; they follow every pull (in this window or another) at once. */
export const useCounterSettingsStore = defineStore('counterSettings', () => {
  const settings = shallowRef<CounterSettings>(DEFAULT_COUNTER_SETTINGS);
  liveQuery(() => counterSettingsOf(posDb())).subscribe({
    next: (value) => {
      settings.value = value;
      managerPinGate.setLimits(value.pinMaxFailures, value.pinLockMinutes * 60_000);
    },
    // A database closed under the query (a test's, a re-pairing): keep the last settings seen.
    error: () => undefined,
  });
  const discount = computed(() => settings.value.discount);
  const points = computed(() => settings.value.points);
  return { settings, discount, points };
});
