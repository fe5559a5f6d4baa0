import type { ReceiptDocument } from '../../core/receipt/document';
import type { ReceiptLocale } from '../../core/receipt/labels';
import { redemptionSlip } from '../../core/receipt/templates/redemption-slip';
import type { RedemptionRecord } from '../../core/redemption-api';
import type { LocalRedemption } from '../db/pos-db';

/** What a 核销凭证 says about one redemption; the code is masked before it ever gets here. */
export interface SlipFacts {
  redemptionId: string;
  codeMasked: string;
  campaignTitle: string;
  count: number;
  remaining: number;
  /** Server time online, device time offline. */
  at: string;
  mode: 'online' | 'offline';
  /** Reversed since (a reversal not refused): a reprint says 已撤销 / VOID. */
  voided?: boolean;
  /** Who redeemed it; null for the merchant's shared counter user. */
  cashierName: string | null;
}

/** Where the slip is printed: the paired store and terminal, in the cashier's language. */
export interface SlipPlace {
  locale: ReceiptLocale;
  timeZone: string;
  storeName: string;
  terminalName: string;
}

/** A redemption recorded before the POS named its cashier: who did it is not known. */
const NO_CASHIER = '-';

/** How the slip names the merchant's shared counter user. */
const SHARED_COUNTER: Record<ReceiptLocale, string> = { 'zh-CN': '共用账号', en: 'Shared counter' };

export function slipFactsFromRecord(record: RedemptionRecord, cashierName: string | null): SlipFacts {
  return {
    redemptionId: record.redemptionId,
    codeMasked: record.codeMasked,
    campaignTitle: record.campaignTitle,
    count: record.count,
    remaining: record.remaining,
    at: record.mode === 'online' ? record.serverTime : record.deviceTime,
    mode: record.mode,
    cashierName,
  };
}

/**
 * A slip for the recent list's reprint; null when the redemption may not have happened (an
 * online attempt still unanswered) or was refused.
 */
export function slipFactsFromHistory(entry: LocalRedemption): SlipFacts | null {
  const mode = entry.mode;
  // A conflict took no use: there is nothing to write a 核销凭证 for.
  if (entry.status === 'rejected' || entry.status === 'conflict' || entry.remaining === null) return null;
  if (entry.status === 'pending' && mode === 'online') return null;
  return {
    redemptionId: entry.redemptionId,
    codeMasked: entry.codeMasked,
    campaignTitle: entry.campaignTitle,
    count: entry.count,
    remaining: entry.remaining,
    at: mode === 'online' ? (entry.serverTime ?? entry.deviceTime) : entry.deviceTime,
    mode,
    voided: entry.reversal !== null && entry.reversal.status !== 'rejected',
    cashierName: entry.cashierName === undefined ? NO_CASHIER : entry.cashierName,
  };
}

export function slipDocument(facts: SlipFacts, place: SlipPlace, reprint = false): ReceiptDocument {
  return redemptionSlip({
    locale: place.locale,
    timeZone: place.timeZone,
    storeName: place.storeName,
    terminalId: place.terminalName,
    cashierName: facts.cashierName ?? SHARED_COUNTER[place.locale],
    reprint,
    redemptionId: facts.redemptionId,
    code: facts.codeMasked,
    campaignTitle: facts.campaignTitle,
    count: facts.count,
    remaining: facts.remaining,
    at: facts.at,
    mode: facts.mode,
    voided: facts.voided === true,
  });
}

/** Print jobs carry the redemption they are for in their label, so the recent list finds them again. */
const SLIP_LABEL = /^slip:(.+)$/;

export function slipLabel(redemptionId: string): string {
  return `slip:${redemptionId}`;
}

export function redemptionOfLabel(label: string): string | null {
  return SLIP_LABEL.exec(label)?.[1] ?? null;
}

/** The preview's slip: realistic, and with a code that is nobody's. */
export function sampleSlipFacts(locale: ReceiptLocale, at: string): SlipFacts {
  return {
    redemptionId: '0192f0c4-7a3e-7b21-9c55-3d2e8f6a1b40',
    codeMasked: '**** **** 9018',
    campaignTitle: locale === 'zh-CN' ? '双人火锅套餐 ¥168 秒杀券' : 'Hotpot for two, ¥168 flash deal',
    count: 1,
    remaining: 2,
    at,
    mode: 'online',
    cashierName: locale === 'zh-CN' ? '王小明' : 'Alex Wang',
  };
}
