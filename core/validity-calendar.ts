import { evaluateValidity, resolveValidityWindow, type CampaignValidityRules, type ValidityFailureCode } from './campaign-rules';
import type { Result } from './result';
import { addDays, startOfLocalDay } from './time-zone';

export interface CalendarDay {
  date: string;
  usable: boolean;
  /** Local hours (0–23) in which the voucher can be used at some point. */
  hours: number[];
  /** Why the day is not usable at all (the broadest rule that fails at noon); null when usable. */
  reason: ValidityFailureCode | null;
}

const SLOT_MS = 15 * 60_000;
const HOUR_MS = 3_600_000;

/**
 * When a voucher under `rules` can be used in a month (`YYYY-MM`), day by day, in 15-minute steps
 * from each local midnight, with the same rules the counter applies (evaluateValidity). The validity
 * window is resolved once, not per step: resolving it costs several time-zone look-ups.
 */
export function validityCalendar(rules: CampaignValidityRules, month: string, timeZone: string): CalendarDay[] {
  const { from, until } = resolveValidityWindow(rules, timeZone);
  const dayRules: CampaignValidityRules = { ...rules, validFrom: undefined, validUntil: undefined };
  const check = (instant: Date): Result<unknown, ValidityFailureCode> => {
    if (from && instant < from) return { ok: false, code: 'VOUCHER_NOT_YET_VALID', message: '' };
    if (until && instant >= until) return { ok: false, code: 'VOUCHER_EXPIRED', message: '' };
    return evaluateValidity(dayRules, instant, timeZone);
  };
  const days: CalendarDay[] = [];
  for (let date = `${month}-01`; date.startsWith(month); date = addDays(date, 1)) {
    const start = startOfLocalDay(date, timeZone).getTime();
    const end = startOfLocalDay(addDays(date, 1), timeZone).getTime();
    const hours = new Set<number>();
    for (let t = start; t < end; t += SLOT_MS) {
      // Hours from midnight: on a day with a clock change, the hour number follows elapsed time.
      if (check(new Date(t)).ok) hours.add(Math.min(23, Math.floor((t - start) / HOUR_MS)));
    }
    const noon = check(new Date(start + 12 * HOUR_MS));
    days.push({ date, usable: hours.size > 0, hours: [...hours].sort((a, b) => a - b), reason: hours.size > 0 || noon.ok ? null : noon.code });
  }
  return days;
}
