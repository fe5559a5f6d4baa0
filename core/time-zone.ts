/**
 * Wall-clock arithmetic in an IANA time zone with nothing but `Intl`: instants are UTC, business
 * rules ("until 2026-12-31", "weekdays 11:00–14:00") are read in the merchant's zone.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** ISO weekday: Monday = 1 … Sunday = 7. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface LocalDateTime {
  /** `YYYY-MM-DD` */
  readonly date: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: IsoWeekday;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

export interface LocalDateTimeInput {
  /** `YYYY-MM-DD` */
  readonly date: string;
  readonly hour?: number;
  readonly minute?: number;
  readonly second?: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a calendar date `YYYY-MM-DD`, rejecting impossible days such as `2026-02-30`. */
export function parseLocalDate(date: string): { year: number; month: number; day: number } | null {
  const match = DATE_PATTERN.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return null;
  }
  return { year, month, day };
}

export function isLocalDate(date: string): boolean {
  return parseLocalDate(date) !== null;
}

function requireLocalDate(date: string): { year: number; month: number; day: number } {
  const parsed = parseLocalDate(date);
  if (!parsed) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return parsed;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Weekday of a calendar date, independent of any zone. */
export function weekdayOf(date: string): IsoWeekday {
  const { year, month, day } = requireLocalDate(date);
  const sundayFirst = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return (sundayFirst === 0 ? 7 : sundayFirst) as IsoWeekday;
}

/** `addDays('2026-12-31', 1)` → `2027-01-01`. */
export function addDays(date: string, days: number): string {
  const { year, month, day } = requireLocalDate(date);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return formatDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** The wall clock in `timeZone` at `instant`. */
export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const year = fields['year'] ?? NaN;
  const month = fields['month'] ?? NaN;
  const day = fields['day'] ?? NaN;
  const date = formatDate(year, month, day);
  return {
    date,
    year,
    month,
    day,
    weekday: weekdayOf(date),
    hour: fields['hour'] ?? 0,
    minute: fields['minute'] ?? 0,
    second: fields['second'] ?? 0,
  };
}

/** Milliseconds to add to UTC to get the wall clock of `timeZone` at `epochMs` (whole seconds). */
function offsetAt(epochMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  const local = localDateTime(new Date(wholeSecond), timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - wholeSecond;
}

const DAY_MS = 86_400_000;

/**
 * The UTC instant at which the wall clock of `timeZone` shows `local`. Around a DST change it
 * resolves like Temporal's `compatible` disambiguation: a repeated hour gives the earlier instant,
 * a skipped hour is pushed forward by the size of the gap (02:30 in a 02:00→03:00 jump is 03:30).
 */
export function zonedToInstant(local: LocalDateTimeInput, timeZone: string): Date {
  const { year, month, day } = requireLocalDate(local.date);
  const wall = Date.UTC(year, month - 1, day, local.hour ?? 0, local.minute ?? 0, local.second ?? 0);
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((epoch) => epoch + offsetAt(epoch, timeZone) === wall)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first);
  return new Date(wall - before);
}

/** The first instant of a local day. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return zonedToInstant({ date }, timeZone);
}

/** The first instant after a local day: "until 2026-12-31" ends here (exclusive). */
export function endOfLocalDay(date: string, timeZone: string): Date {
  return zonedToInstant({ date: addDays(date, 1) }, timeZone);
}
