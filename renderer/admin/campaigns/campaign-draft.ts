import { parseYuan } from '../../../core/money';
import { addDays, isLocalDate, localDateTime, zonedToInstant } from '../../../core/time-zone';
import { fenToYuanText } from '../../shared/format/money';
import type { Campaign, CampaignBody } from '../api/campaigns-api';

/** The campaign form as a person fills it: yuan as typed, times on the merchant's wall clock. */
export interface CampaignDraft {
  kind: 'product' | 'cash';
  title: string;
  price: string;
  faceValue: string;
  minSpend: string;
  usesPerVoucher: number;
  totalStock: number;
  perBuyerLimit: number | null;
  /** `YYYY-MM-DD HH:mm` in the merchant's zone, or empty for "no bound". */
  saleStart: string;
  saleEnd: string;
  validFrom: string;
  validUntil: string;
  weekdays: number[];
  hourWindows: { from: string; to: string }[];
  blackoutDates: string[];
  storeIds: string[];
  tiers: { minBuyers: number; price: string }[];
  paymentWindowMinutes: number;
}

export const ALL_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/**
 * A new campaign's form: on sale from this minute for a week, vouchers valid for 30 days from
 * today, so a merchant changes what differs instead of filling every date.
 */
export function emptyDraft(now: Date, timeZone: string): CampaignDraft {
  const today = localDateTime(now, timeZone).date;
  return {
    kind: 'product',
    title: '',
    price: '',
    faceValue: '',
    minSpend: '0',
    usesPerVoucher: 1,
    totalStock: 100,
    perBuyerLimit: null,
    saleStart: wallClockOf(now.toISOString(), timeZone),
    saleEnd: `${addDays(today, 7)} 22:00`,
    validFrom: today,
    validUntil: addDays(today, 30),
    weekdays: [...ALL_WEEKDAYS],
    hourWindows: [],
    blackoutDates: [],
    storeIds: [],
    tiers: [],
    paymentWindowMinutes: 15,
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** An instant as the merchant's wall clock, `YYYY-MM-DD HH:mm`. */
export function wallClockOf(iso: string, timeZone: string): string {
  const t = localDateTime(new Date(iso), timeZone);
  return `${t.date} ${pad(t.hour)}:${pad(t.minute)}`;
}

/** `YYYY-MM-DD HH:mm` on the merchant's wall clock → an ISO instant; null when it is not one. */
export function instantOf(wallClock: string, timeZone: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})$/.exec(wallClock.trim());
  if (!match || !isLocalDate(match[1] ?? '')) return null;
  return zonedToInstant({ date: match[1] ?? '', hour: Number(match[2]), minute: Number(match[3]) }, timeZone).toISOString();
}

const dateOf = (bound: string | undefined, fallbackIso: string, timeZone: string): string =>
  bound && isLocalDate(bound) ? bound : localDateTime(new Date(bound ?? fallbackIso), timeZone).date;

export function draftOf(c: Campaign, timeZone: string): CampaignDraft {
  return {
    kind: c.kind,
    title: c.title,
    price: fenToYuanText(c.priceFen),
    faceValue: fenToYuanText(c.faceValueFen),
    minSpend: fenToYuanText(c.minSpendFen ?? 0),
    usesPerVoucher: c.usesPerVoucher,
    totalStock: c.totalStock ?? 0,
    perBuyerLimit: c.perBuyerLimit,
    saleStart: c.saleStartsAt ? wallClockOf(c.saleStartsAt, timeZone) : '',
    saleEnd: c.saleEndsAt ? wallClockOf(c.saleEndsAt, timeZone) : '',
    validFrom: dateOf(c.validity.validFrom, c.validFrom, timeZone),
    // The column is exclusive (the first instant past the last day); the rule keeps the typed day.
    validUntil: c.validity.validUntil && isLocalDate(c.validity.validUntil) ? c.validity.validUntil : dateOf(undefined, new Date(new Date(c.validUntil).getTime() - 1).toISOString(), timeZone),
    weekdays: c.validity.weekdays ?? [...ALL_WEEKDAYS],
    hourWindows: c.validity.hourWindows ?? [],
    blackoutDates: c.validity.blackoutDates ?? [],
    storeIds: [...c.storeIds],
    tiers: (c.groupPriceTiers ?? []).map((t) => ({ minBuyers: t.minBuyers, price: fenToYuanText(t.priceFen) })),
    paymentWindowMinutes: Math.round(c.paymentWindowSeconds / 60),
  };
}

export type DraftResult = { ok: true; body: CampaignBody } | { ok: false; fields: Record<string, string> };

/**
 * The request body, or the fields that cannot become one (keys as the server names fields, values
 * i18n keys). Everything else — windows in order, tiers descending — the server judges.
 */
export function bodyOf(d: CampaignDraft, timeZone: string): DraftResult {
  const fields: Record<string, string> = {};
  const fen = (field: string, text: string): number => {
    const parsed = parseYuan(text);
    if (!parsed.ok || parsed.value < 0) fields[field] = 'campaigns.errors.amount';
    return parsed.ok ? parsed.value : 0;
  };
  const time = (field: string, text: string): string | null => {
    if (!text.trim()) return null;
    const instant = instantOf(text, timeZone);
    if (!instant) fields[field] = 'campaigns.errors.time';
    return instant;
  };
  if (!d.title.trim()) fields.title = 'campaigns.errors.required';
  if (!d.validUntil) fields['validity.validUntil'] = 'campaigns.errors.required';
  if (!d.saleStart) fields.saleStartsAt = 'campaigns.errors.time';
  if (!d.saleEnd) fields.saleEndsAt = 'campaigns.errors.time';
  if (d.storeIds.length === 0) fields.storeIds = 'campaigns.errors.stores';
  const weekdays = [...new Set(d.weekdays)].sort();
  if (weekdays.length === 0) fields['validity.weekdays'] = 'campaigns.errors.weekdays';
  const body: CampaignBody = {
    kind: d.kind,
    title: d.title.trim(),
    priceFen: fen('priceFen', d.price),
    faceValueFen: fen('faceValueFen', d.faceValue),
    minSpendFen: d.kind === 'cash' ? fen('minSpendFen', d.minSpend) : null,
    usesPerVoucher: d.usesPerVoucher,
    totalStock: d.totalStock,
    perBuyerLimit: d.perBuyerLimit,
    saleStartsAt: time('saleStartsAt', d.saleStart),
    saleEndsAt: time('saleEndsAt', d.saleEnd),
    validity: {
      validFrom: d.validFrom,
      validUntil: d.validUntil,
      ...(weekdays.length < 7 ? { weekdays } : {}),
      ...(d.hourWindows.length > 0 ? { hourWindows: d.hourWindows } : {}),
      ...(d.blackoutDates.length > 0 ? { blackoutDates: [...d.blackoutDates].sort() } : {}),
    },
    storeIds: d.storeIds,
    groupPriceTiers: d.tiers.length === 0 ? null : d.tiers.map((t, i) => ({ minBuyers: t.minBuyers, priceFen: fen(`groupPriceTiers.${i}.priceFen`, t.price) })),
    paymentWindowSeconds: d.paymentWindowMinutes * 60,
  };
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, body };
}
