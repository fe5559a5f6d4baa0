import { z } from 'zod';
import { endOfLocalDay, isLocalDate, startOfLocalDay } from './time-zone';

const INSTANT = z.iso.datetime({ offset: true });

/**
 * One end of a window: an ISO instant with offset (`2026-12-01T10:00:00+08:00`) or a local date
 * (`2026-12-31`) read in the merchant's zone.
 */
export const WindowBound = z
  .string()
  .refine((value) => isLocalDate(value) || INSTANT.safeParse(value).success, {
    message: 'expected a date YYYY-MM-DD or an ISO instant with offset',
  });
export type WindowBound = z.infer<typeof WindowBound>;

/** A start bound: a local date means the first instant of that day. */
export function resolveStartBound(bound: string, timeZone: string): Date {
  return isLocalDate(bound) ? startOfLocalDay(bound, timeZone) : new Date(bound);
}

/**
 * An end bound, exclusive: a local date means the whole day is included, so the window closes at
 * the first instant of the next day; an instant is the first moment no longer inside.
 */
export function resolveEndBound(bound: string, timeZone: string): Date {
  return isLocalDate(bound) ? endOfLocalDay(bound, timeZone) : new Date(bound);
}

/** Whether `start` < `end` once both are resolved (zone-independent for dates on both ends). */
export function boundsAreOrdered(start: string, end: string, timeZone: string): boolean {
  return resolveStartBound(start, timeZone).getTime() < resolveEndBound(end, timeZone).getTime();
}

/** `2026-12-01 10:00 (Asia/Shanghai)`, for messages. */
export function describeInstant(instant: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(instant);
  return `${text} (${timeZone})`;
}
