import { addDays, isLocalDate, weekdayOf } from '../../../core/time-zone';

export type DayState = 'usable' | 'outside' | 'closedWeekday' | 'blackout';

export interface DayRules {
  validFrom: string;
  validUntil: string;
  weekdays: readonly number[];
  blackoutDates: readonly string[];
}

/** Whether vouchers can be used on a calendar day, and if not, which rule says no. */
export function dayState(date: string, rules: DayRules): DayState {
  // A validity needs both ends (the server refuses a campaign without them): until then nothing is usable.
  if (!isLocalDate(date) || !isLocalDate(rules.validFrom) || !isLocalDate(rules.validUntil)) return 'outside';
  if (date < rules.validFrom || date > rules.validUntil) return 'outside';
  if (rules.blackoutDates.includes(date)) return 'blackout';
  if (rules.weekdays.length > 0 && !rules.weekdays.includes(weekdayOf(date))) return 'closedWeekday';
  return 'usable';
}

/** How many days of the validity are usable (a window longer than `limit` days is counted up to it). */
export function usableDays(rules: DayRules, limit = 3660): number {
  if (!isLocalDate(rules.validFrom) || !isLocalDate(rules.validUntil)) return 0;
  let count = 0;
  for (let day = rules.validFrom, i = 0; day <= rules.validUntil && i < limit; day = addDays(day, 1), i += 1) {
    if (dayState(day, rules) === 'usable') count += 1;
  }
  return count;
}
