import { Dexie, type EntityTable, type Table } from 'dexie';
import type { CampaignRow, CounterSettingsRow, LeaseRow, TerminalUserRow, MerchantKeyRow, RedemptionChangeRow, StorePolicyRow, VoucherRow } from '../../core/sync';
import type { Locale } from '../shared/i18n/locales';
import type { CounterCashMove } from './cash-move-table';
import type { CatalogCategory, CatalogItem, CounterMember, CounterRefund, CounterSale, CounterShift } from './counter-tables';
import type { MemberEdit } from './member-tables';
import type { LocalReversal, MirroredMember, OfflineBasis, OutboxRecord, RedemptionMode, SyncMetaRow } from './sync-tables';

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

/** What the settings table holds, by key; a feature adds its own key (renderer/counter/open-bill.ts). */
export interface SettingValues {
  pairing: Pairing;
  language: Locale;
  /** Tones on each scan; on unless turned off in settings. */
  scanSound: boolean;
}

export type SettingKey = keyof SettingValues;

export type SettingRow = { [K in SettingKey]: { key: K; value: SettingValues[K] } }[SettingKey];

/**
 * pending: not settled by the server yet (sent online without an answer, or waiting in the outbox);
 * accepted: the server recorded it; conflict: recorded, but the voucher was spent elsewhere first
 * (for the merchant to review); rejected: the server refused it (errorCode says why).
 */
export type LocalRedemptionStatus = 'pending' | 'accepted' | 'conflict' | 'rejected';

/** What this terminal redeemed, for the recent list. Codes are kept masked only. */
export interface LocalRedemption {
  redemptionId: string;
  codeMasked: string;
  campaignTitle: string;
  count: number;
  status: LocalRedemptionStatus;
  /** Uses left on the voucher after this redemption, as the server (or the offline check) said. */
  remaining: number | null;
  errorCode: string | null;
  deviceTime: string;
  serverTime: string | null;
  mode: RedemptionMode;
  /** Null for rows written before schema v2. */
  voucherId: string | null;
  /** Offline only: inside a lease, or provisional beyond it. */
  basis: OfflineBasis | null;
  /** Face value × count, for the provisional caps. */
  valueFen: number;
  /** When the server's answer arrived here (ms): until the mirror reflects it, it counts as local. */
  settledAt: number | null;
  reversal: LocalReversal | null;
  /** Who redeemed it, as the slip names them; null for the shared counter user, absent on older rows. */
  cashierName?: string | null;
  /** The receipt number of the sale this voucher paid for (or was an item of): only that sale's refund gives it back. */
  saleReceiptNo?: string;
}

export const POS_DB_NAME = 'hexiao-pos';

export class PosDb extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>;
  redemptions!: EntityTable<LocalRedemption, 'redemptionId'>;
  vouchers!: EntityTable<VoucherRow, 'voucherId'>;
  leases!: EntityTable<LeaseRow, 'leaseId'>;
  campaigns!: EntityTable<CampaignRow, 'campaignId'>;
  merchantKeys!: EntityTable<MerchantKeyRow, 'kid'>;
  storePolicies!: EntityTable<StorePolicyRow, 'storeId'>;
  members!: EntityTable<MirroredMember, 'id'>;
  serverRedemptions!: EntityTable<RedemptionChangeRow, 'redemptionId'>;
  outbox!: Table<OutboxRecord, number>;
  syncMeta!: EntityTable<SyncMetaRow, 'key'>;
  catalogItems!: EntityTable<CatalogItem, 'itemId'>;
  catalogCategories!: EntityTable<CatalogCategory, 'categoryId'>;
  counterMembers!: EntityTable<CounterMember, 'memberId'>;
  sales!: EntityTable<CounterSale, 'saleId'>;
  refunds!: EntityTable<CounterRefund, 'refundId'>;
  shifts!: EntityTable<CounterShift, 'shiftId'>;
  terminalUsers!: EntityTable<TerminalUserRow, 'userId'>;
  counterSettings!: EntityTable<CounterSettingsRow, 'merchantId'>;
  cashMoves!: EntityTable<CounterCashMove, 'moveId'>;
  memberEdits!: EntityTable<MemberEdit, 'patchId'>;

  constructor(name: string = POS_DB_NAME) {
    super(name);
    this.version(1).stores({
      settings: '&key',
      redemptions: '&redemptionId, deviceTime, status',
    });
    this.version(2)
      .stores({
        redemptions: '&redemptionId, deviceTime, status, voucherId',
        vouchers: '&voucherId, &code',
        leases: '&leaseId, voucherId',
        campaigns: '&campaignId',
        merchantKeys: '&kid',
        storePolicies: '&storeId',
        members: '&id',
        serverRedemptions: '&redemptionId, outcome',
        outbox: '&seq, &clientId, [state+seq]',
        syncMeta: '&key',
      })
      .upgrade((tx) =>
        // v1 redemptions were all sent online; their answers, when known, are already in the row.
        tx
          .table('redemptions')
          .toCollection()
          .modify((row: Partial<LocalRedemption>) => {
            row.mode = 'online';
            row.voucherId ??= null;
            row.basis = null;
            row.valueFen = 0;
            row.settledAt = row.status === 'pending' ? null : 0;
            row.reversal = null;
          }),
      );
    // The counter: catalog search (barcode, name/pinyin prefixes), members by phone, sales and shifts.
    this.version(3).stores({
      catalogItems: '&itemId, barcode, *terms, categoryId',
      catalogCategories: '&categoryId',
      counterMembers: '&memberId, &phone, pending',
      sales: '&saleId, shiftId, createdAt, status, memberId',
      refunds: '&refundId, saleId, shiftId, status',
      shifts: '&shiftId, status, openedAt',
      terminalUsers: '&userId',
    });
    // Cash paid into or out of the till during a shift.
    this.version(4).stores({ cashMoves: '&moveId, shiftId, status' });
    // The merchant's counter settings (discount PIN threshold, points rule), mirrored by sync.
    this.version(5).stores({ counterSettings: '&merchantId' });
    // Member edits made here and their outcome; members gain the fields a counter edits.
    this.version(6)
      .stores({ memberEdits: '&patchId, memberId, status' })
      .upgrade((tx) =>
        tx
          .table('counterMembers')
          .toCollection()
          .modify((row: Partial<CounterMember>) => {
            row.gender ??= 'unknown';
            row.birthday ??= null;
            row.note ??= null;
            row.aliasIds ??= [];
          }),
      );
  }

  /** The mirrored server state, dropped as a whole on a pull `reset`. */
  mirrorTables(): Table[] {
    return [
      this.vouchers,
      this.leases,
      this.campaigns,
      this.merchantKeys,
      this.storePolicies,
      this.members,
      this.serverRedemptions,
      this.catalogItems,
      this.catalogCategories,
      this.terminalUsers,
      this.counterSettings,
    ];
  }
}
