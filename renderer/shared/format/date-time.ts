import { DEFAULT_TIME_ZONE, isValidTimeZone, localDateTime, type LocalDateTime } from '../../../core/time-zone';

const pad = (n: number): string => String(n).padStart(2, '0');

function inZone(iso: string, timeZone: string): LocalDateTime | null {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return null;
  return localDateTime(instant, isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE);
}

/** `2026-12-31 23:59` in the merchant's zone: the same for every language, as on a receipt. */
export function formatDateTimeInZone(iso: string, timeZone: string): string {
  const t = inZone(iso, timeZone);
  return t ? `${t.date} ${pad(t.hour)}:${pad(t.minute)}` : iso;
}

/** `11-25 14:03` in the merchant's zone, for lists that span days. */
export function formatShortDateTimeInZone(iso: string, timeZone: string): string {
  const t = inZone(iso, timeZone);
  return t ? `${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}` : iso;
}
