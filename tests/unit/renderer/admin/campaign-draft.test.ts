import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../../../renderer/admin/api/campaigns-api';
import { bodyOf, draftOf, emptyDraft, instantOf, wallClockOf } from '../../../../renderer/admin/campaigns/campaign-draft';
import { dayState, usableDays } from '../../../../renderer/admin/campaigns/validity-calendar';

const ZONE = 'Asia/Shanghai';

function filled() {
  return {
    ...emptyDraft(new Date('2026-12-01T01:00:00Z'), ZONE),
    title: ' 双人套餐 ',
    price: '99',
    faceValue: '168.5',
    validUntil: '2026-12-31',
    storeIds: ['s1'],
    saleStart: '2026-12-01 10:00',
    saleEnd: '2026-12-10 22:30',
  };
}

describe('campaign form → request body', () => {
  it('turns yuan into fen, the merchant’s wall clock into instants, and leaves out rules that do not restrict', () => {
    const made = bodyOf(filled(), ZONE);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.body).toMatchObject({
      title: '双人套餐',
      priceFen: 9900,
      faceValueFen: 16850,
      minSpendFen: null,
      saleStartsAt: '2026-12-01T02:00:00.000Z',
      saleEndsAt: '2026-12-10T14:30:00.000Z',
      validity: { validFrom: '2026-12-01', validUntil: '2026-12-31' },
      groupPriceTiers: null,
      paymentWindowSeconds: 900,
    });
    expect(made.body.validity).not.toHaveProperty('weekdays');
  });

  it('offers a new campaign on sale from now for a week, valid 30 days, on the merchant’s clock', () => {
    const draft = emptyDraft(new Date('2026-12-06T17:05:00Z'), ZONE);
    expect(draft).toMatchObject({ saleStart: '2026-12-07 01:05', saleEnd: '2026-12-14 22:00', validFrom: '2026-12-07', validUntil: '2027-01-06' });
  });

  it('names every field it cannot send, by the server’s field names', () => {
    const made = bodyOf({ ...filled(), title: ' ', price: '12.345', storeIds: [], weekdays: [], saleEnd: '', tiers: [{ minBuyers: 2, price: 'abc' }] }, ZONE);
    expect(made.ok).toBe(false);
    if (made.ok) return;
    expect(Object.keys(made.fields).sort()).toEqual(['groupPriceTiers.0.priceFen', 'priceFen', 'saleEndsAt', 'storeIds', 'title', 'validity.weekdays']);
  });

  it('keeps cash vouchers’ minimum spend and the chosen weekdays, blackout dates sorted', () => {
    const made = bodyOf({ ...filled(), kind: 'cash', minSpend: '200', weekdays: [6, 7], blackoutDates: ['2026-12-25', '2026-12-24'] }, ZONE);
    expect(made.ok && made.body).toMatchObject({ minSpendFen: 20000, validity: { weekdays: [6, 7], blackoutDates: ['2026-12-24', '2026-12-25'] } });
  });

  it('reads a stored campaign back into the same form', () => {
    const made = bodyOf({ ...filled(), weekdays: [1, 2, 3], tiers: [{ minBuyers: 5, price: '89' }] }, ZONE);
    if (!made.ok) throw new Error('expected a body');
    const stored: Campaign = {
      ...made.body,
      id: 'c1',
      status: 'draft',
      soldCount: 0,
      remainingStock: made.body.totalStock,
      validFrom: '2026-11-30T16:00:00.000Z',
      validUntil: '2026-12-31T16:00:00.000Z',
      createdAt: '2026-12-01T00:00:00.000Z',
    };
    const back = draftOf(stored, ZONE);
    expect(back).toMatchObject({ price: '99.00', faceValue: '168.50', saleStart: '2026-12-01 10:00', saleEnd: '2026-12-10 22:30', validUntil: '2026-12-31', weekdays: [1, 2, 3] });
    expect(back.tiers).toEqual([{ minBuyers: 5, price: '89.00' }]);
  });

  it('converts wall clock and instants both ways and refuses what is not a time', () => {
    expect(instantOf('2026-12-07 00:00', ZONE)).toBe('2026-12-06T16:00:00.000Z');
    expect(wallClockOf('2026-12-06T16:00:00.000Z', ZONE)).toBe('2026-12-07 00:00');
    expect(instantOf('2026-02-30 10:00', ZONE)).toBeNull();
    expect(instantOf('tomorrow', ZONE)).toBeNull();
  });
});

describe('validity calendar preview', () => {
  const rules = { validFrom: '2026-12-01', validUntil: '2026-12-14', weekdays: [1, 2, 3, 4, 5], blackoutDates: ['2026-12-08'] };

  it('says which rule closes each day', () => {
    expect(dayState('2026-11-30', rules)).toBe('outside');
    expect(dayState('2026-12-01', rules)).toBe('usable'); // a Tuesday
    expect(dayState('2026-12-05', rules)).toBe('closedWeekday'); // a Saturday
    expect(dayState('2026-12-08', rules)).toBe('blackout');
    expect(dayState('2026-12-15', rules)).toBe('outside');
  });

  it('counts the usable days, and none while the validity has no end', () => {
    expect(usableDays(rules)).toBe(9);
    expect(usableDays({ ...rules, validUntil: '' })).toBe(0);
    expect(dayState('2026-12-02', { ...rules, validUntil: '' })).toBe('outside');
  });
});
