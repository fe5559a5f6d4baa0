import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { generateQrSigningKey, signVoucherQr } from '../../../../core/voucher-qr';
import type { PosDb } from '../../../../renderer/db/pos-db';
import { writeMeta } from '../../../../renderer/db/sync-meta';
import { checkOffline } from '../../../../renderer/redeem/offline/check-offline';
import { ManagerPinGate } from '../../../../renderer/staff/manager-pin';
import { judgeOffline, type OfflineFacts } from '../../../../renderer/redeem/offline/offline-verdict';
import { reverseRedemption } from '../../../../renderer/redeem/offline/offline-reverse';
import { offersReverse } from '../../../../renderer/redeem/offline/reverse-at-counter';
import type { CounterSale } from '../../../../renderer/db/counter-tables';
import { campaignRow, leaseRow, manager, policyRow, voucherRow } from '../sync/support/fixtures';
import { freshDb, redeemCodeOffline } from '../sync/support/terminal';

const STORE = 'store-a';
const HOUR = 3_600_000;

function facts(overrides: Partial<OfflineFacts> = {}): OfflineFacts {
  const voucher = overrides.voucher ?? voucherRow();
  return {
    voucher,
    campaign: campaignRow(),
    leases: [leaseRow(voucher)],
    policy: policyRow(),
    storeId: STORE,
    timeZone: 'Asia/Shanghai',
    localUses: 0,
    provisionalPending: { uses: 0, valueFen: 0 },
    lastContactAt: Date.now() - HOUR,
    now: new Date(),
    count: 1,
    ...overrides,
  };
}

describe('offline verdict', () => {
  it('redeems inside a lease without a PIN, and not beyond what is left of it', () => {
    expect(judgeOffline(facts())).toMatchObject({ ok: true, basis: 'lease', needsPin: false, remaining: 2 });
    const voucher = voucherRow({ uses: 3, redeemed: 1 });
    const partial = facts({ voucher, leases: [leaseRow(voucher, { uses: 1 })], localUses: 1 });
    expect(judgeOffline(partial)).toMatchObject({ ok: true, basis: 'provisional', remaining: 1 });
  });

  it('ignores leases that expired, were revoked or belong to another store', () => {
    const voucher = voucherRow();
    const dead = [
      leaseRow(voucher, { expiresAt: new Date(Date.now() - 1).toISOString() }),
      leaseRow(voucher, { leaseId: 'r', revoked: true }),
      leaseRow(voucher, { leaseId: 'b', storeId: 'store-b' }),
    ];
    expect(judgeOffline(facts({ voucher, leases: dead }))).toMatchObject({ ok: true, basis: 'provisional' });
  });

  it('applies the provisional caps: policy, offline age, count, value, PIN threshold', () => {
    const noLease = { leases: [] };
    expect(judgeOffline(facts({ ...noLease, policy: policyRow({ enabled: false }) }))).toMatchObject({ ok: false, code: 'OFFLINE_NOT_ALLOWED' });
    expect(judgeOffline(facts({ ...noLease, policy: undefined }))).toMatchObject({ ok: false, code: 'OFFLINE_NOT_ALLOWED' });
    expect(judgeOffline(facts({ ...noLease, lastContactAt: Date.now() - 25 * HOUR }))).toMatchObject({ ok: false, code: 'OFFLINE_TOO_LONG' });
    expect(judgeOffline(facts({ ...noLease, lastContactAt: null }))).toMatchObject({ ok: false, code: 'OFFLINE_TOO_LONG' });
    expect(judgeOffline(facts({ ...noLease, provisionalPending: { uses: 5, valueFen: 0 } }))).toMatchObject({ ok: false, code: 'OFFLINE_CAP_REACHED' });
    expect(judgeOffline(facts({ ...noLease, provisionalPending: { uses: 0, valueFen: 90_000 } }))).toMatchObject({ ok: false, code: 'OFFLINE_CAP_REACHED' });
    expect(judgeOffline(facts({ ...noLease }))).toMatchObject({ ok: true, basis: 'provisional', needsPin: false, valueFen: 16_800 });
    expect(judgeOffline(facts({ ...noLease, count: 2 }))).toMatchObject({ ok: true, needsPin: true, valueFen: 33_600 });
  });

  it('checks the voucher itself first, as the server would', () => {
    expect(judgeOffline(facts({ voucher: voucherRow({ status: 'void' }) }))).toMatchObject({ ok: false, code: 'VOUCHER_NOT_ACTIVE' });
    expect(judgeOffline(facts({ localUses: 2 }))).toMatchObject({ ok: false, code: 'VOUCHER_EXHAUSTED', remaining: 0 });
    expect(judgeOffline(facts({ voucher: voucherRow({ storeIds: ['store-b'] }) }))).toMatchObject({ ok: false, code: 'NOT_VALID_AT_STORE' });
    expect(judgeOffline(facts({ voucher: voucherRow({ validUntil: new Date(Date.now() - 1000).toISOString() }) }))).toMatchObject({ code: 'VOUCHER_EXPIRED' });
    expect(judgeOffline(facts({ voucher: voucherRow({ validFrom: new Date(Date.now() + HOUR).toISOString() }) }))).toMatchObject({ code: 'VOUCHER_NOT_YET_VALID' });
    const closedToday = campaignRow({ rules: { blackoutDates: [new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })] } });
    expect(judgeOffline(facts({ campaign: closedToday }))).toMatchObject({ ok: false, code: 'BLACKOUT_DATE' });
  });
});

describe('offline look-up in the mirror', () => {
  const dbs: PosDb[] = [];
  afterEach(() => dbs.splice(0).forEach((db) => db.close()));

  async function mirror() {
    const db = freshDb();
    dbs.push(db);
    const key = generateQrSigningKey('k1', (n) => randomBytes(n));
    const voucher = voucherRow();
    await db.vouchers.put(voucher);
    await db.campaigns.put(campaignRow());
    await db.storePolicies.put(policyRow());
    await db.merchantKeys.put({ kid: 'k1', publicKey: key.publicKey.publicKey, notAfter: null });
    await writeMeta(db, 'lastContactAt', Date.now());
    return { db, key, voucher };
  }
  const ctx = () => ({ storeId: STORE, timeZone: 'Asia/Shanghai', now: new Date(), count: 1 });
  const claims = (code: string, voucherId: string) => ({ voucherId, merchantId: 'm1', code, expiresAt: Math.floor(Date.now() / 1000) + 3600, uses: 2 });

  it('says it is not ready before the first download completes', async () => {
    const { db, voucher } = await mirror();
    expect(await checkOffline(db, { code: voucher.code }, ctx())).toMatchObject({ ok: false, code: 'OFFLINE_NOT_READY' });
    await writeMeta(db, 'cursor', 'c:1');
    await writeMeta(db, 'snapshot', { done: 1, total: 9 });
    expect(await checkOffline(db, { code: voucher.code }, ctx())).toMatchObject({ ok: false, code: 'OFFLINE_NOT_READY' });
    await writeMeta(db, 'snapshot', null);
    expect(await checkOffline(db, { code: voucher.code }, ctx())).toMatchObject({ ok: true, value: { preview: { remaining: 2, campaignTitle: '双人套餐', codeMasked: `**** **** ${voucher.code.slice(-4)}` } } });
    expect(await checkOffline(db, { code: '000000000000' }, ctx())).toMatchObject({ ok: false, code: 'VOUCHER_NOT_FOUND' });
  });

  it('verifies a signed QR with the mirrored keys; one unknown to the mirror needs a manager', async () => {
    const { db, key, voucher } = await mirror();
    await writeMeta(db, 'cursor', 'c:1');
    const known = signVoucherQr(claims(voucher.code, voucher.voucherId), key.signingKey);
    const fresh = signVoucherQr(claims('123456789018', 'v-fresh'), key.signingKey);
    const forged = signVoucherQr(claims(voucher.code, voucher.voucherId), generateQrSigningKey('k1', (n) => randomBytes(n)).signingKey);
    if (!known.ok || !fresh.ok || !forged.ok) throw new Error('signing failed');
    expect(await checkOffline(db, { qrToken: known.value }, ctx())).toMatchObject({ ok: true, value: { found: { mirrored: true }, verdict: { basis: 'provisional', needsPin: false } } });
    expect(await checkOffline(db, { qrToken: fresh.value }, ctx())).toMatchObject({ ok: true, value: { found: { mirrored: false }, verdict: { ok: true, needsPin: true } } });
    expect(await checkOffline(db, { qrToken: forged.value }, ctx())).toMatchObject({ ok: false, code: 'QR_BAD_SIGNATURE' });
  });
});

describe('manager approval and reversal', () => {
  it('approves the right PIN, refuses a wrong one and locks after five misses', async () => {
    let now = Date.now();
    const gate = new ManagerPinGate(5, 60_000, () => now);
    const managers = [manager('1357', 'mgr-a'), manager('2468', 'mgr-b')];
    expect(await gate.approve(managers, '2468')).toMatchObject({ ok: true, value: { managerId: 'mgr-b' } });
    for (let i = 0; i < 5; i++) expect(await gate.approve(managers, '0000')).toMatchObject({ ok: false, code: 'MANAGER_PIN_INVALID' });
    expect(await gate.approve(managers, '2468')).toMatchObject({ ok: false, code: 'PIN_PROMPT_LOCKED' });
    now += 60_001;
    expect(await gate.approve(managers, '1357')).toMatchObject({ ok: true, value: { managerId: 'mgr-a' } });
    expect(await gate.approve([], '1357')).toMatchObject({ ok: false, code: 'MANAGER_APPROVAL_UNAVAILABLE' });
  });

  it('reverses through the outbox within the window, once', async () => {
    const db = freshDb();
    const voucher = voucherRow();
    await db.vouchers.put(voucher);
    await db.leases.put(leaseRow(voucher));
    await db.campaigns.put(campaignRow());
    await db.storePolicies.put(policyRow());
    await writeMeta(db, 'cursor', 'c:1');
    const redeemed = await redeemCodeOffline(db, voucher.code, { storeId: STORE });
    if (!redeemed.ok) throw new Error(redeemed.code);
    const approval = { managerId: 'mgr-1', approvedAt: new Date().toISOString() };
    const request = { redemptionId: redeemed.value.redemption.redemptionId, reason: '顾客要求', approval, storeId: STORE };
    expect(await reverseRedemption(db, { ...request, now: new Date(Date.now() + 31 * 60_000) })).toMatchObject({ ok: false, code: 'REVERSE_WINDOW_CLOSED' });
    expect(await reverseRedemption(db, { ...request, now: new Date() })).toMatchObject({ ok: true, value: { reversal: { status: 'pending' } } });
    expect(await reverseRedemption(db, { ...request, now: new Date() })).toMatchObject({ ok: false, code: 'ALREADY_REVERSED' });
    const entries = await db.outbox.orderBy('seq').toArray();
    expect(entries.map((e) => e.intent)).toEqual(['voucher.redeem@1', 'voucher.reverse@1']);
    db.close();
  });
  it('refuses to reverse a voucher that is part of a sale, naming the sale, and writes nothing', async () => {
    const db = freshDb();
    const voucher = voucherRow();
    await db.vouchers.put(voucher);
    await db.leases.put(leaseRow(voucher));
    await db.campaigns.put(campaignRow());
    await db.storePolicies.put(policyRow());
    await writeMeta(db, 'cursor', 'c:1');
    const redeemed = await redeemCodeOffline(db, voucher.code, { storeId: STORE });
    if (!redeemed.ok) throw new Error(redeemed.code);
    const redemptionId = redeemed.value.redemption.redemptionId;
    const request = { redemptionId, reason: '顾客要求', approval: { managerId: 'mgr-1', approvedAt: new Date().toISOString() }, storeId: STORE, now: new Date() };
    // A row from before the receipt number was kept on it: found through the sale that holds it.
    await db.sales.put({ saleId: 's-1', receiptNo: '000001', shiftId: 'sh-1', createdAt: new Date().toISOString(), status: 'pending', memberId: null, vouchers: [{ redemptionId }] } as unknown as CounterSale);
    const refused = await reverseRedemption(db, request);
    expect(refused).toMatchObject({ ok: false, code: 'REDEMPTION_IN_SALE' });
    expect(refused.ok ? '' : refused.message).toContain('#000001');
    await db.redemptions.update(redemptionId, { saleReceiptNo: '000001' });
    expect(offersReverse((await db.redemptions.get(redemptionId))!)).toBe(false);
    expect(await reverseRedemption(db, request)).toMatchObject({ ok: false, code: 'REDEMPTION_IN_SALE' });
    expect((await db.outbox.toArray()).map((e) => e.intent)).toEqual(['voucher.redeem@1']);
    db.close();
  });
});
