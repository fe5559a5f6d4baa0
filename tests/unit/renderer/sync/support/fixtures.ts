import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { encodeBase64url } from '../../../../../core/base64url';
import { generateVoucherCode } from '../../../../../core/voucher-code';
import type { CampaignRow, Change, LeaseRow, ManagerPinRow, StorePolicyRow, VoucherRow } from '../../../../../core/sync';

const DAY = 86_400_000;
let counter = 0;

export function voucherRow(overrides: Partial<VoucherRow> = {}): VoucherRow {
  counter += 1;
  return {
    voucherId: `v-${counter}-${randomBytes(3).toString('hex')}`,
    code: generateVoucherCode((n) => randomBytes(n)),
    campaignId: 'camp-1',
    uses: 2,
    redeemed: 0,
    status: 'active',
    validFrom: new Date(Date.now() - DAY).toISOString(),
    validUntil: new Date(Date.now() + 30 * DAY).toISOString(),
    buyerPhoneMasked: '138****1234',
    storeIds: ['store-a'],
    version: 1,
    ...overrides,
  };
}

export function campaignRow(overrides: Partial<CampaignRow> = {}): CampaignRow {
  return { campaignId: 'camp-1', title: '双人套餐', kind: 'product', faceValueFen: 16_800, minSpendFen: 0, rules: {}, ...overrides };
}

export function leaseRow(voucher: VoucherRow, overrides: Partial<LeaseRow> = {}): LeaseRow {
  return {
    leaseId: `lease-${voucher.voucherId}`,
    voucherId: voucher.voucherId,
    storeId: 'store-a',
    uses: voucher.uses - voucher.redeemed,
    expiresAt: new Date(Date.now() + 7 * DAY).toISOString(),
    revoked: false,
    ...overrides,
  };
}

/** A PIN verifier exactly as the server would write it (node:crypto PBKDF2-SHA256). */
export function pinVerifier(pin: string, iterations = 1_000): string {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(pin, salt, iterations, 32, 'sha256');
  return `pbkdf2-sha256$${iterations}$${encodeBase64url(salt)}$${encodeBase64url(hash)}`;
}

export function manager(pin: string, managerId = 'mgr-1'): ManagerPinRow {
  return { managerId, name: '王店长', pinVerifier: pinVerifier(pin) };
}

export function policyRow(overrides: Partial<StorePolicyRow['provisional']> = {}, extra: Partial<StorePolicyRow> = {}): StorePolicyRow {
  return {
    storeId: 'store-a',
    provisional: { enabled: true, maxCountPerTerminal: 5, maxValueFenPerTerminal: 100_000, maxOfflineHours: 24, managerPinAboveFen: 20_000, ...overrides },
    reverseWindowMinutes: 30,
    managers: [manager('2468')],
    ...extra,
  };
}

export function change<K extends Change['kind']>(kind: K, id: string, data: unknown): Change {
  return { kind, id, op: 'upsert', data };
}
