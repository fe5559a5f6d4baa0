import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  endOfLocalDay,
  isValidTimeZone,
  localDateTime,
  parseLocalDate,
  startOfLocalDay,
  weekdayOf,
  zonedToInstant,
} from '../../../../core/time-zone';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';

describe('local wall clock of an instant', () => {
  it('reads Shanghai (UTC+8, no DST) across the new year', () => {
    const local = localDateTime(new Date('2026-12-31T16:00:00Z'), SH);
    expect(local).toMatchObject({ date: '2027-01-01', weekday: 5, hour: 0, minute: 0, second: 0 });
    expect(localDateTime(new Date('2026-12-31T15:59:59Z'), SH)).toMatchObject({ date: '2026-12-31', hour: 23, minute: 59 });
  });

  it('follows New York across its DST changes', () => {
    expect(localDateTime(new Date('2026-03-08T06:59:00Z'), NY)).toMatchObject({ date: '2026-03-08', hour: 1, minute: 59 });
    expect(localDateTime(new Date('2026-03-08T07:00:00Z'), NY)).toMatchObject({ date: '2026-03-08', hour: 3, minute: 0 });
    expect(localDateTime(new Date('2026-11-01T05:30:00Z'), NY)).toMatchObject({ hour: 1, minute: 30 });
    expect(localDateTime(new Date('2026-11-01T06:30:00Z'), NY)).toMatchObject({ hour: 1, minute: 30 });
  });
});

describe('instant of a local date-time', () => {
  it('converts Shanghai wall clock to UTC', () => {
    expect(zonedToInstant({ date: '2026-12-31', hour: 23, minute: 59 }, SH).toISOString()).toBe('2026-12-31T15:59:00.000Z');
    expect(startOfLocalDay('2026-11-25', SH).toISOString()).toBe('2026-11-24T16:00:00.000Z');
    expect(endOfLocalDay('2026-12-31', SH).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('pushes a time in the spring-forward gap past the gap', () => {
    expect(zonedToInstant({ date: '2026-03-08', hour: 2, minute: 30 }, NY).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(zonedToInstant({ date: '2026-03-08', hour: 3 }, NY).toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });

  it('takes the earlier of a repeated fall-back hour', () => {
    expect(zonedToInstant({ date: '2026-11-01', hour: 1, minute: 30 }, NY).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(zonedToInstant({ date: '2026-11-01', hour: 2 }, NY).toISOString()).toBe('2026-11-01T07:00:00.000Z');
  });

  it('gives DST-change days their real length', () => {
    const spring = endOfLocalDay('2026-03-08', NY).getTime() - startOfLocalDay('2026-03-08', NY).getTime();
    const autumn = endOfLocalDay('2026-11-01', NY).getTime() - startOfLocalDay('2026-11-01', NY).getTime();
    expect(spring / 3_600_000).toBe(23);
    expect(autumn / 3_600_000).toBe(25);
  });

  it('round-trips every instant (property, whole seconds)', () => {
    const instants = fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2040, 0, 1) / 1000 }).map((s) => new Date(s * 1000));
    fc.assert(
      fc.property(instants, fc.constantFrom(SH, NY, 'Europe/Berlin', 'Australia/Lord_Howe', 'UTC'), (instant, zone) => {
        const local = localDateTime(instant, zone);
        const back = zonedToInstant(local, zone);
        // In a repeated hour the earlier instant comes back; the wall clock always matches.
        expect(localDateTime(back, zone)).toEqual(local);
        expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
        if (zone === SH || zone === 'UTC') expect(back.getTime()).toBe(instant.getTime());
      }),
      { numRuns: 2000 },
    );
  });
});

describe('calendar dates', () => {
  it('validates, shifts and names weekdays', () => {
    expect(parseLocalDate('2026-02-29')).toBeNull();
    expect(parseLocalDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseLocalDate('2026-1-05')).toBeNull();
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayOf('2026-11-25')).toBe(3);
    expect(weekdayOf('2026-11-29')).toBe(7);
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
  });

  it('knows a real zone from a made-up one', () => {
    expect(isValidTimeZone(SH)).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
