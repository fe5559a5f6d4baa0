import { DEFAULT_TIME_ZONE, localDateTime } from '../time-zone';

export { DEFAULT_TIME_ZONE };

const two = (n: number): string => String(n).padStart(2, '0');

/** Merchant-local wall time for a receipt: instants are UTC, receipts speak the store's zone. */
export function formatLocalDateTime(instant: string | Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${String(instant)}`);
  const t = localDateTime(date, timeZone);
  return `${t.date} ${two(t.hour)}:${two(t.minute)}:${two(t.second)}`;
}
