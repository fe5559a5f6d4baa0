import { describe, expect, it } from 'vitest';
import { formatDateTimeInZone, formatShortDateTimeInZone } from '../../../../renderer/shared/format/date-time';

describe('dates in the merchant time zone', () => {
  it('shows an instant as the merchant’s wall clock', () => {
    expect(formatDateTimeInZone('2026-12-31T15:59:00Z', 'Asia/Shanghai')).toBe('2026-12-31 23:59');
    expect(formatDateTimeInZone('2026-12-31T16:00:00Z', 'Asia/Shanghai')).toBe('2027-01-01 00:00');
    expect(formatDateTimeInZone('2026-12-31T16:00:00Z', 'UTC')).toBe('2026-12-31 16:00');
    expect(formatShortDateTimeInZone('2026-11-25T16:59:00Z', 'Asia/Shanghai')).toBe('11-26 00:59');
  });

  it('falls back to Asia/Shanghai for an unknown zone and shows unreadable input as is', () => {
    expect(formatDateTimeInZone('2026-01-01T00:00:00Z', 'Mars/Olympus')).toBe('2026-01-01 08:00');
    expect(formatDateTimeInZone('not a date', 'UTC')).toBe('not a date');
  });
});
