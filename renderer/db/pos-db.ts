import { Dexie, type EntityTable } from 'dexie';
import type { Locale } from '../i18n/locales';

/** The server and identity this terminal was paired with. */
export interface Pairing {
  serverUrl: string;
  token: string;
  terminalId: string;
  terminalName: string;
  storeId: string;
  storeName: string;
  merchantId: string;
  merchantName: string;
  timeZone: string;
  pairedAt: string;
}

export interface SettingValues {
  pairing: Pairing;
  language: Locale;
}

export type SettingKey = keyof SettingValues;

export type SettingRow = { [K in SettingKey]: { key: K; value: SettingValues[K] } }[SettingKey];

/**
 * pending: sent, answer not known yet (a timeout that could not be reconciled stays here);
 * accepted: the server recorded it; rejected: the server refused it (errorCode says why).
 */
export type LocalRedemptionStatus = 'pending' | 'accepted' | 'rejected';

/** What this terminal redeemed, for the recent list. Codes are kept masked only. */
export interface LocalRedemption {
  redemptionId: string;
  codeMasked: string;
  campaignTitle: string;
  count: number;
  status: LocalRedemptionStatus;
  /** Uses left on the voucher after this redemption, as the server said. */
  remaining: number | null;
  errorCode: string | null;
  deviceTime: string;
  serverTime: string | null;
}

export const POS_DB_NAME = 'hexiao-pos';

export class PosDb extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>;
  redemptions!: EntityTable<LocalRedemption, 'redemptionId'>;

  constructor(name: string = POS_DB_NAME) {
    super(name);
    this.version(1).stores({
      settings: '&key',
      redemptions: '&redemptionId, deviceTime, status',
    });
  }
}
