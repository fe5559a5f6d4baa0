import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateQrSigningKey, signVoucherQr } from '../../../core/voucher-qr';
import { BACKENDS } from '../../support/server/backends';
import { errorCode } from '../../support/server/api-client';
import { buildSyncWorld, startSyncServer, voucherState, type SyncServer, type SyncWorld } from './support/sync-world';

interface ConflictView {
  redemptionId: string;
  reason: string;
  count: number;
  offline: { storeId: string; terminalId: string };
  first: { kind: string; ref: string | null; storeId: string | null; terminalId: string | null; at: string | null };
  status: string;
}

describe.each(BACKENDS)('sync push: conflicts, leases and QR codes (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
  });
  afterAll(async () => {
    await s?.stop();
  });

  const conflicts = async (query = '') => {
    const res = await w.merchantClient.get<{ items: ConflictView[] }>(`/merchant/conflicts${query}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };

  it('records a voucher spent online elsewhere first as a conflict with both sides, and lists it for the merchant', async () => {
    const voucher = await w.issue(w.campaigns.bothStores, { uses: 1 });
    const offline = w.a1.redeem(voucher.code, { deviceTime: new Date(Date.now() - 60_000).toISOString() });
    const onlineId = randomUUID();
    const online = await w.b1.client.post('/vouchers/redeem', { redemptionId: onlineId, code: voucher.code, count: 1, deviceTime: new Date().toISOString() });
    expect(online.status).toBe(200);

    const answer = await w.a1.pushOk([offline]);
    expect(answer.results[0]).toMatchObject({ status: 'conflict', error: null, result: { outcome: 'conflict', mode: 'offline', remaining: 0 } });
    expect(await voucherState(s.server.db, voucher.id)).toMatchObject({ redeemed: 1, status: 'exhausted' });
    const ledger = await s.server.db.kysely.selectFrom('redemptions').select(['redemption_id', 'outcome', 'mode']).where('voucher_id', '=', voucher.id).orderBy('server_time').execute();
    expect(ledger).toEqual([
      { redemption_id: onlineId, outcome: 'accepted', mode: 'online' },
      { redemption_id: offline.args.redemptionId, outcome: 'conflict', mode: 'offline' },
    ]);

    const listed = (await conflicts()).find((c) => c.redemptionId === offline.args.redemptionId);
    expect(listed).toMatchObject({
      reason: 'VOUCHER_EXHAUSTED',
      count: 1,
      status: 'open',
      offline: { storeId: w.stores.a.id, terminalId: w.terminals.a1.id },
      first: { kind: 'redemption', ref: onlineId, storeId: w.stores.b.id, terminalId: w.terminals.b1.id },
    });
    expect(listed?.first.at).toEqual(expect.any(String));

    // Reviewed: it stays in the ledger, leaves the open list.
    const resolved = await w.merchantClient.post(`/merchant/conflicts/${offline.args.redemptionId}/resolve`, { decision: 'recovered_from_customer', note: '已联系顾客' });
    expect(resolved.status).toBe(200);
    expect((await conflicts()).some((c) => c.redemptionId === offline.args.redemptionId)).toBe(false);
    expect((await conflicts('?status=resolved')).some((c) => c.redemptionId === offline.args.redemptionId)).toBe(true);
    const terminalToken = await w.a1.client.get('/merchant/conflicts');
    expect(terminalToken.status).toBe(401);
  });

  it('records a voucher refunded (voided) while the store was offline as a conflict', async () => {
    const voucher = await w.issue(w.campaigns.bothStores);
    const entry = w.a1.redeem(voucher.code);
    await s.server.db.kysely.updateTable('vouchers').set({ status: 'void', updated_at: new Date().toISOString() }).where('id', '=', voucher.id).execute();
    const answer = await w.a1.pushOk([entry]);
    expect(answer.results[0]).toMatchObject({ status: 'conflict', result: { outcome: 'conflict' } });
    expect((await conflicts()).find((c) => c.redemptionId === entry.args.redemptionId)).toMatchObject({ reason: 'VOUCHER_NOT_ACTIVE', first: { kind: 'void' } });
  });

  it('leases a single-store voucher to its store when issued: redeemed offline inside the lease it is accepted', async () => {
    const voucher = await w.issue(w.campaigns.storeAOnly);
    const lease = await s.server.db.kysely.selectFrom('leases').selectAll().where('voucher_id', '=', voucher.id).executeTakeFirstOrThrow();
    expect(lease).toMatchObject({ store_id: w.stores.a.id, uses: 1, reason: 'single_store', revoked_at: null });
    const answer = await w.a2.pushOk([w.a2.redeem(voucher.code, { basis: 'lease', leaseId: lease.id })]);
    expect(answer.results[0]).toMatchObject({ status: 'applied', result: { outcome: 'accepted', remaining: 0 } });
  });

  it('refuses online redemption at another store while a lease holds the voucher, and turns the old holder’s offline use into a conflict after a move', async () => {
    const voucher = await w.issue(w.campaigns.bothStores);
    const toA = await w.merchantClient.post<{ leaseId: string; uses: number; storeId: string }>(`/merchant/vouchers/${voucher.id}/lease`, { storeId: w.stores.a.id, hours: 24 });
    expect(toA.status).toBe(200);
    expect(toA.body).toMatchObject({ storeId: w.stores.a.id, uses: 2, revoked: false });

    const atB = await w.b1.client.post('/vouchers/redeem', { redemptionId: randomUUID(), code: voucher.code, count: 1, deviceTime: new Date().toISOString() });
    expect(atB.status).toBe(409);
    expect(errorCode(atB)).toBe('LEASE_HELD_ELSEWHERE');
    expect((await w.b1.client.post('/vouchers/prepare', { code: voucher.code })).body).toMatchObject({ redeemable: false, reason: 'LEASE_HELD_ELSEWHERE' });
    // The holder consumes its lease online as well.
    const atA = await w.a1.client.post('/vouchers/redeem', { redemptionId: randomUUID(), code: voucher.code, count: 1, deviceTime: new Date().toISOString() });
    expect(atA.status).toBe(200);

    // A redeems its last use offline under the lease; meanwhile the merchant moves the lease to B, which spends it.
    const aOffline = w.a1.redeem(voucher.code, { basis: 'lease', leaseId: toA.body.leaseId });
    const toB = await w.merchantClient.post<{ leaseId: string; uses: number }>(`/merchant/vouchers/${voucher.id}/lease`, { storeId: w.stores.b.id });
    expect(toB.body).toMatchObject({ uses: 1 });
    const bOffline = w.b1.redeem(voucher.code, { basis: 'lease', leaseId: toB.body.leaseId });
    expect((await w.b1.pushOk([bOffline])).results[0]).toMatchObject({ status: 'applied' });
    const late = await w.a1.pushOk([aOffline]);
    expect(late.results[0]).toMatchObject({ status: 'conflict', result: { outcome: 'conflict' } });
    expect((await conflicts()).find((c) => c.redemptionId === aOffline.args.redemptionId)).toMatchObject({
      reason: 'VOUCHER_EXHAUSTED',
      first: { kind: 'redemption', ref: bOffline.args.redemptionId, storeId: w.stores.b.id },
    });

    const history = await w.merchantClient.get<{ leases: { leaseId: string; storeId: string; revoked: boolean; revokedBy: string | null }[] }>(`/merchant/vouchers/${voucher.id}/leases`);
    expect(history.body.leases.map((l) => [l.storeId, l.revoked])).toEqual([
      [w.stores.a.id, true],
      [w.stores.b.id, false],
    ]);
    expect(history.body.leases[0]?.revokedBy).toBe(`user:${w.owner.id}`);
  });

  it('turns an offline use against another store’s live lease into a conflict naming that lease; a revoked lease frees the voucher', async () => {
    const voucher = await w.issue(w.campaigns.bothStores);
    const toB = await w.merchantClient.post<{ leaseId: string }>(`/merchant/vouchers/${voucher.id}/lease`, { storeId: w.stores.b.id });
    const entry = w.a1.redeem(voucher.code);
    expect((await w.a1.pushOk([entry])).results[0]).toMatchObject({ status: 'conflict' });
    expect((await conflicts()).find((c) => c.redemptionId === entry.args.redemptionId)).toMatchObject({
      reason: 'LEASE_HELD_ELSEWHERE',
      first: { kind: 'lease', ref: toB.body.leaseId, storeId: w.stores.b.id },
    });
    expect((await w.merchantClient.post(`/merchant/leases/${toB.body.leaseId}/revoke`, {})).status).toBe(200);
    expect(errorCode(await w.merchantClient.post(`/merchant/leases/${toB.body.leaseId}/revoke`, {}))).toBe('LEASE_NOT_FOUND');
    expect((await w.a1.pushOk([w.a1.redeem(voucher.code)])).results[0]).toMatchObject({ status: 'applied' });
  });

  it('ignores a lease past its expiry', async () => {
    const voucher = await w.issue(w.campaigns.bothStores);
    expect((await w.merchantClient.post(`/merchant/vouchers/${voucher.id}/lease`, { storeId: w.stores.b.id, hours: 1 })).status).toBe(200);
    expect(errorCode(await w.a1.client.post('/vouchers/redeem', { redemptionId: randomUUID(), code: voucher.code, count: 1, deviceTime: new Date().toISOString() }))).toBe('LEASE_HELD_ELSEWHERE');
    s.clock.advance(2 * 3_600_000);
    try {
      const later = await w.a1.client.post('/vouchers/redeem', { redemptionId: randomUUID(), code: voucher.code, count: 1, deviceTime: s.clock.now().toISOString() });
      expect(later.status).toBe(200);
    } finally {
      s.clock.advance(-2 * 3_600_000);
    }
  });

  it('redeems by a signed QR token alone, and refuses a forged or foreign one', async () => {
    const voucher = await w.issue(w.campaigns.bothStores);
    const { signingKey, publicKey } = generateQrSigningKey(`t${randomBytes(4).toString('hex')}`, (n) => new Uint8Array(randomBytes(n)));
    const nowIso = new Date().toISOString();
    await s.server.db.kysely.updateTable('merchant_keys').set({ status: 'retired', retired_at: nowIso }).where('merchant_id', '=', w.merchant.id).where('status', '=', 'active').execute();
    await s.server.db.kysely
      .insertInto('merchant_keys')
      .values({ merchant_id: w.merchant.id, kid: signingKey.kid, public_key: publicKey.publicKey, private_key_enc: 'sealed-elsewhere', status: 'active', not_after: null, created_at: nowIso, retired_at: null })
      .execute();
    const claims = { voucherId: voucher.id, merchantId: w.merchant.id, code: voucher.code, expiresAt: Math.floor(Date.now() / 1000) + 86_400, uses: 2 };
    const token = signVoucherQr(claims, signingKey);
    if (!token.ok) throw new Error(token.message);
    const forged = signVoucherQr({ ...claims, uses: 9 }, generateQrSigningKey(signingKey.kid, (n) => new Uint8Array(randomBytes(n))).signingKey);
    const unknownKey = signVoucherQr(claims, generateQrSigningKey('zz-unknown', (n) => new Uint8Array(randomBytes(n))).signingKey);
    if (!forged.ok || !unknownKey.ok) throw new Error('signing failed');

    const answer = await w.a1.pushOk([
      w.a1.redeem(undefined, { qrToken: token.value }),
      w.a1.redeem(undefined, { qrToken: forged.value }),
      w.a1.redeem(undefined, { qrToken: unknownKey.value }),
      w.a1.redeem(undefined, { qrToken: 'HX1.garbage.more' }),
    ]);
    expect(answer.results.map((r) => [r.status, r.error?.code ?? null])).toEqual([
      ['applied', null],
      ['rejected', 'QR_BAD_SIGNATURE'],
      ['rejected', 'QR_UNKNOWN_KEY'],
      ['rejected', 'QR_MALFORMED'],
    ]);
    expect(await voucherState(s.server.db, voucher.id)).toMatchObject({ redeemed: 1 });
  });
});
