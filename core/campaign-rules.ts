import { z } from 'zod';
import { describeInstant, resolveEndBound, resolveStartBound, WindowBound } from './campaign-bound';
import { fail, ok, type Result } from './result';
import { addDays, isLocalDate, localDateTime, weekdayOf } from './time-zone';

/** `HH:MM`, 00:00–23:59. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (00:00–23:59)');

/**
 * A daily window, start inclusive and end exclusive. `to` earlier than `from` crosses midnight
 * (`22:00`–`02:00`); `to` `00:00` runs to the end of the day.
 */
export const HourWindow = z
  .object({ from: LocalTime, to: LocalTime })
  .refine((w) => w.from !== w.to, { message: 'an hour window cannot start and end at the same minute' });
export type HourWindow = z.infer<typeof HourWindow>;

export const LocalDate = z.string().refine(isLocalDate, { message: 'expected a calendar date YYYY-MM-DD' });

/** When a voucher of a campaign may be redeemed. Absent fields do not restrict. */
export const CampaignValidityRules = z
  .object({
    validFrom: WindowBound.optional(),
    /** A date includes that whole day in the merchant's zone; an instant is the first moment past it. */
    validUntil: WindowBound.optional(),
    /** ISO weekdays, Monday = 1 … Sunday = 7. */
    weekdays: z.array(z.int().min(1).max(7)).min(1).max(7).optional(),
    hourWindows: z.array(HourWindow).min(1).max(8).optional(),
    blackoutDates: z.array(LocalDate).max(366).optional(),
  })
  .refine((r) => !r.validFrom || !r.validUntil || !bothDates(r.validFrom, r.validUntil) || r.validFrom <= r.validUntil, {
    message: 'validFrom is after validUntil',
    path: ['validUntil'],
  });
export type CampaignValidityRules = z.infer<typeof CampaignValidityRules>;

export type ValidityFailureCode =
  | 'VOUCHER_NOT_YET_VALID'
  | 'VOUCHER_EXPIRED'
  | 'BLACKOUT_DATE'
  | 'NOT_VALID_TODAY'
  | 'NOT_VALID_THIS_HOUR';

export interface ValidityPass {
  /** The local calendar date of the instant. */
  readonly localDate: string;
  /** The day whose rules apply: the day before for the after-midnight part of a window. */
  readonly serviceDate: string;
}

function bothDates(a: string, b: string): boolean {
  return isLocalDate(a) && isLocalDate(b);
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** The service dates whose window contains `minute` of `localDate` (none if no window does). */
function serviceDatesAt(windows: readonly HourWindow[], localDate: string, minute: number): string[] {
  const dates = new Set<string>();
  for (const w of windows) {
    const from = minutesOf(w.from);
    const to = minutesOf(w.to);
    if (from < to) {
      if (minute >= from && minute < to) dates.add(localDate);
    } else if (minute >= from) {
      dates.add(localDate);
    } else if (minute < to) {
      // A late-night window belongs to the evening it started in: Friday 22:00–02:00 covers Saturday 01:00.
      dates.add(addDays(localDate, -1));
    }
  }
  return [...dates];
}

function dayFailure(
  rules: CampaignValidityRules,
  serviceDate: string,
): { code: 'BLACKOUT_DATE' | 'NOT_VALID_TODAY'; message: string } | null {
  if (rules.blackoutDates?.includes(serviceDate)) {
    return { code: 'BLACKOUT_DATE', message: `not valid on ${serviceDate} (blackout date)` };
  }
  if (rules.weekdays && !rules.weekdays.includes(weekdayOf(serviceDate))) {
    return { code: 'NOT_VALID_TODAY', message: `not valid on this weekday (${serviceDate})` };
  }
  return null;
}

/** Where the window opens and closes (end exclusive) in `timeZone`; null for an open end. */
export function resolveValidityWindow(
  rules: Pick<CampaignValidityRules, 'validFrom' | 'validUntil'>,
  timeZone: string,
): { from: Date | null; until: Date | null } {
  return {
    from: rules.validFrom ? resolveStartBound(rules.validFrom, timeZone) : null,
    until: rules.validUntil ? resolveEndBound(rules.validUntil, timeZone) : null,
  };
}

/**
 * Whether a voucher under `rules` may be redeemed at `instant`, judged on the wall clock of
 * `timeZone`. Checks run window, day (blackout, weekday), then hour, so the reason names the
 * broadest rule that fails.
 */
export function evaluateValidity(
  rules: CampaignValidityRules,
  instant: Date,
  timeZone: string,
): Result<ValidityPass, ValidityFailureCode> {
  const { from, until } = resolveValidityWindow(rules, timeZone);
  if (from && instant.getTime() < from.getTime()) {
    return fail('VOUCHER_NOT_YET_VALID', `valid from ${describeInstant(from, timeZone)}`);
  }
  if (until && instant.getTime() >= until.getTime()) {
    return fail('VOUCHER_EXPIRED', `expired at ${describeInstant(until, timeZone)}`);
  }
  const local = localDateTime(instant, timeZone);
  if (!rules.hourWindows) {
    const failure = dayFailure(rules, local.date);
    return failure ? fail(failure.code, failure.message) : ok({ localDate: local.date, serviceDate: local.date });
  }
  const serviceDates = serviceDatesAt(rules.hourWindows, local.date, local.hour * 60 + local.minute);
  if (serviceDates.length === 0) {
    const failure = dayFailure(rules, local.date);
    if (failure) return fail(failure.code, failure.message);
    const windows = rules.hourWindows.map((w) => `${w.from}–${w.to}`).join(', ');
    return fail('NOT_VALID_THIS_HOUR', `valid only ${windows}`);
  }
  let firstFailure: ReturnType<typeof dayFailure> = null;
  for (const serviceDate of serviceDates) {
    const failure = dayFailure(rules, serviceDate);
    if (!failure) return ok({ localDate: local.date, serviceDate });
    firstFailure ??= failure;
  }
  return fail(firstFailure!.code, firstFailure!.message);
}

/** The last local date on which the voucher can be used, for "valid until …" texts; null if open. */
export function lastValidLocalDate(rules: Pick<CampaignValidityRules, 'validUntil'>, timeZone: string): string | null {
  if (!rules.validUntil) return null;
  if (isLocalDate(rules.validUntil)) return rules.validUntil;
  return localDateTime(new Date(new Date(rules.validUntil).getTime() - 1), timeZone).date;
}
