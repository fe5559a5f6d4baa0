import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CampaignValidityRules,
  evaluateValidity,
  lastValidLocalDate,
  resolveValidityWindow,
} from '../../../../core/campaign-rules';
import { ERROR_STATUS } from '../../../../core/errors';
import { zonedToInstant } from '../../../../core/time-zone';

const SH = 'Asia/Shanghai';
const at = (date: string, hour: number, minute = 0, zone = SH) => zonedToInstant({ date, hour, minute }, zone);
const rules = (input: unknown) => CampaignValidityRules.parse(input);
const code = (r: ReturnType<typeof evaluateValidity>) => (r.ok ? 'OK' : r.code);

describe('campaign validity rules (schema)', () => {
  it('accepts a full rule set', () => {
    const parsed = CampaignValidityRules.safeParse({
      validFrom: '2026-12-01',
      validUntil: '2026-12-31',
      weekdays: [1, 2, 3, 4, 5],
      hourWindows: [
        { from: '11:00', to: '14:00' },
        { from: '17:00', to: '21:00' },
      ],
      blackoutDates: ['2026-12-24', '2026-12-25'],
    });
    expect(parsed.success).toBe(true);
  });

  it.each([
    { hourWindows: [{ from: '24:00', to: '02:00' }] },
    { hourWindows: [{ from: '11:00', to: '11:00' }] },
    { hourWindows: [{ from: '9:00', to: '11:00' }] },
    { weekdays: [0] },
    { weekdays: [8] },
    { weekdays: [] },
    { blackoutDates: ['2026-02-30'] },
    { validUntil: '2026-12-31T23:59:59' },
    { validFrom: '2026-12-31', validUntil: '2026-12-01' },
  ])('rejects %j', (input) => {
    expect(CampaignValidityRules.safeParse(input).success).toBe(false);
  });

  it('maps its reasons to 409', () => {
    for (const reason of ['VOUCHER_NOT_YET_VALID', 'VOUCHER_EXPIRED', 'NOT_VALID_TODAY', 'NOT_VALID_THIS_HOUR', 'BLACKOUT_DATE'] as const) {
      expect(ERROR_STATUS[reason]).toBe(409);
    }
  });
});

describe('validity window', () => {
  const window = rules({ validFrom: '2026-12-01', validUntil: '2026-12-31' });

  it('"until 2026-12-31" includes that whole day in the merchant zone', () => {
    expect(code(evaluateValidity(window, new Date('2026-12-31T15:59:59.999Z'), SH))).toBe('OK');
    const expired = evaluateValidity(window, new Date('2026-12-31T16:00:00Z'), SH);
    expect(expired).toMatchObject({ ok: false, code: 'VOUCHER_EXPIRED' });
    expect(expired.ok ? '' : expired.message).toContain('2027-01-01 00:00 (Asia/Shanghai)');
  });

  it('starts at the first instant of validFrom', () => {
    expect(code(evaluateValidity(window, new Date('2026-11-30T15:59:59Z'), SH))).toBe('VOUCHER_NOT_YET_VALID');
    expect(code(evaluateValidity(window, new Date('2026-11-30T16:00:00Z'), SH))).toBe('OK');
  });

  it('reads the same dates in another zone', () => {
    expect(code(evaluateValidity(window, new Date('2026-12-31T16:00:00Z'), 'America/New_York'))).toBe('OK');
    expect(code(evaluateValidity(window, new Date('2027-01-01T05:00:00Z'), 'America/New_York'))).toBe('VOUCHER_EXPIRED');
  });

  it('treats instant bounds as [from, until)', () => {
    const exact = rules({ validFrom: '2026-12-01T10:00:00+08:00', validUntil: '2026-12-02T10:00:00+08:00' });
    expect(code(evaluateValidity(exact, new Date('2026-12-01T02:00:00Z'), SH))).toBe('OK');
    expect(code(evaluateValidity(exact, new Date('2026-12-02T02:00:00Z'), SH))).toBe('VOUCHER_EXPIRED');
    expect(resolveValidityWindow(exact, SH).until?.toISOString()).toBe('2026-12-02T02:00:00.000Z');
    expect(lastValidLocalDate(exact, SH)).toBe('2026-12-02');
    expect(lastValidLocalDate(rules({ validUntil: '2027-01-01T00:00:00+08:00' }), SH)).toBe('2026-12-31');
    expect(lastValidLocalDate(window, SH)).toBe('2026-12-31');
    expect(lastValidLocalDate(rules({}), SH)).toBeNull();
  });
});

describe('weekdays, hours and blackout dates', () => {
  const lunchAndDinner = rules({
    weekdays: [1, 2, 3, 4, 5],
    hourWindows: [
      { from: '11:00', to: '14:00' },
      { from: '17:00', to: '21:00' },
    ],
    blackoutDates: ['2026-12-24'],
  });

  it('applies weekday rules (2026-11-28 is a Saturday)', () => {
    expect(code(evaluateValidity(lunchAndDinner, at('2026-11-27', 12), SH))).toBe('OK');
    expect(code(evaluateValidity(lunchAndDinner, at('2026-11-28', 12), SH))).toBe('NOT_VALID_TODAY');
  });

  it('applies hour windows, end exclusive', () => {
    expect(code(evaluateValidity(lunchAndDinner, at('2026-11-25', 10, 59), SH))).toBe('NOT_VALID_THIS_HOUR');
    expect(code(evaluateValidity(lunchAndDinner, at('2026-11-25', 11), SH))).toBe('OK');
    expect(code(evaluateValidity(lunchAndDinner, at('2026-11-25', 13, 59), SH))).toBe('OK');
    expect(code(evaluateValidity(lunchAndDinner, at('2026-11-25', 14), SH))).toBe('NOT_VALID_THIS_HOUR');
    expect(code(evaluateValidity(lunchAndDinner, at('2026-11-25', 20, 59), SH))).toBe('OK');
    expect(code(evaluateValidity(lunchAndDinner, at('2026-11-25', 21), SH))).toBe('NOT_VALID_THIS_HOUR');
  });

  it('names the blackout date before the hour', () => {
    expect(code(evaluateValidity(lunchAndDinner, at('2026-12-24', 12), SH))).toBe('BLACKOUT_DATE');
    expect(code(evaluateValidity(lunchAndDinner, at('2026-12-24', 9), SH))).toBe('BLACKOUT_DATE');
  });

  it('judges by the merchant zone, not UTC', () => {
    // 2026-11-27T20:00Z is Saturday 04:00 in Shanghai but Friday 15:00 in New York.
    const instant = new Date('2026-11-27T20:00:00Z');
    expect(code(evaluateValidity(rules({ weekdays: [5] }), instant, SH))).toBe('NOT_VALID_TODAY');
    expect(code(evaluateValidity(rules({ weekdays: [5] }), instant, 'America/New_York'))).toBe('OK');
  });
});

describe('windows crossing midnight', () => {
  const lateNight = rules({ weekdays: [5], hourWindows: [{ from: '22:00', to: '02:00' }], blackoutDates: ['2026-12-04'] });

  it('counts the hours after midnight as part of the evening before', () => {
    const friday = evaluateValidity(lateNight, at('2026-11-27', 23), SH);
    expect(friday).toEqual({ ok: true, value: { localDate: '2026-11-27', serviceDate: '2026-11-27' } });
    const saturdayMorning = evaluateValidity(lateNight, at('2026-11-28', 1, 59), SH);
    expect(saturdayMorning).toEqual({ ok: true, value: { localDate: '2026-11-28', serviceDate: '2026-11-27' } });
    expect(code(evaluateValidity(lateNight, at('2026-11-28', 2), SH))).toBe('NOT_VALID_TODAY');
    expect(code(evaluateValidity(lateNight, at('2026-11-27', 1), SH))).toBe('NOT_VALID_TODAY');
    expect(code(evaluateValidity(lateNight, at('2026-11-27', 21, 59), SH))).toBe('NOT_VALID_THIS_HOUR');
  });

  it('carries a blackout evening into its small hours', () => {
    expect(code(evaluateValidity(lateNight, at('2026-12-04', 23), SH))).toBe('BLACKOUT_DATE');
    expect(code(evaluateValidity(lateNight, at('2026-12-05', 1), SH))).toBe('BLACKOUT_DATE');
  });

  it('runs to midnight with an end of 00:00', () => {
    const evening = rules({ hourWindows: [{ from: '18:00', to: '00:00' }] });
    expect(code(evaluateValidity(evening, at('2026-11-25', 23, 59), SH))).toBe('OK');
    expect(code(evaluateValidity(evening, at('2026-11-26', 0), SH))).toBe('NOT_VALID_THIS_HOUR');
  });

  it('passes when any window containing the minute passes (property)', () => {
    const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(
      ([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`,
    );
    const window = fc.tuple(hhmm, hhmm).filter(([a, b]) => a !== b).map(([from, to]) => ({ from, to }));
    const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(fc.array(window, { minLength: 1, maxLength: 3 }), fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }), instant, (hourWindows, weekdays, when) => {
        const result = evaluateValidity(rules({ hourWindows, weekdays }), when, SH);
        const everyDay = evaluateValidity(rules({ hourWindows }), when, SH);
        // Weekday limits can only take passes away, never add them.
        if (result.ok) expect(everyDay.ok).toBe(true);
        if (!everyDay.ok) expect(everyDay.code).toBe('NOT_VALID_THIS_HOUR');
      }),
      { numRuns: 1000 },
    );
  });
});
