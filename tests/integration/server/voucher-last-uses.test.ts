import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VoucherPreview } from '../../../core/redemption-api';
import { addTerminalUser } from '../../../server/counter/terminal-users';
import { createCampaign } from '../../../server/repositories/merchant-setup';
import { BACKENDS } from '../../support/server/backends';
import { buildSyncWorld, startSyncServer, type SyncServer, type SyncWorld } from '../sync/support/sync-world';

const DAY = 86_400_000;

// 券已用完 says when, where and by whom: the prepare answer of a used voucher lists its last uses.
describe.each(BACKENDS)('prepare: a used voucher’s last uses (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
  });
  afterAll(async () => {
    await s?.stop();
  });

  const redeemOnline = async (terminal: SyncWorld['a1'], code: string, deviceTime: string, cashierId?: string) => {
    const redemptionId = randomUUID();
    const answer = await terminal.client.post('/vouchers/redeem', { redemptionId, code, count: 1, deviceTime, ...(cashierId ? { cashierId } : {}) });
    expect(answer.status).toBe(200);
    return redemptionId;
  };

  it('an unused voucher comes without uses', async () => {
    const voucher = await w.issue(w.campaigns.bothStores);
    const preview = VoucherPreview.parse((await w.a1.client.post('/vouchers/prepare', { code: voucher.code })).body);
    expect(preview).toMatchObject({ redeemed: 0, redeemable: true });
    expect(preview.lastUses).toBeUndefined();
  });

  it('an exhausted voucher names the time, store, terminal and cashier of each use, newest first', async () => {
    const voucher = await w.issue(w.campaigns.bothStores);
    await redeemOnline(w.a1, voucher.code, '2026-11-25T18:30:00+08:00', w.manager.id);
    await redeemOnline(w.b1, voucher.code, '2026-11-26T12:05:00+08:00', 'not-a-known-user');
    const answer = await w.a2.client.post('/vouchers/prepare', { code: voucher.code });
    expect(answer.status).toBe(200);
    const preview = VoucherPreview.parse(answer.body);
    expect(preview).toMatchObject({ redeemable: false, reason: 'VOUCHER_EXHAUSTED', remaining: 0 });
    expect(preview.lastUses).toEqual([
      { at: '2026-11-26T04:05:00.000Z', storeName: 'B 店', terminalName: 'B1', cashierName: null, count: 1, mode: 'online', reversed: false },
      { at: '2026-11-25T10:30:00.000Z', storeName: 'A 店', terminalName: 'A1', cashierName: '店长', count: 1, mode: 'online', reversed: false },
    ]);
  });

  it('names a counter cashier who signed in with a PIN', async () => {
    const cashier = await addTerminalUser(s.server.db, w.merchant.id, { storeId: w.stores.a.id, name: '王小明', role: 'cashier', pin: '135790' });
    const voucher = await w.issue(w.campaigns.storeAOnly);
    await redeemOnline(w.a2, voucher.code, '2026-11-27T09:00:00+08:00', cashier.id);
    const preview = VoucherPreview.parse((await w.a1.client.post('/vouchers/prepare', { code: voucher.code })).body);
    expect(preview.lastUses).toEqual([{ at: '2026-11-27T01:00:00.000Z', storeName: 'A 店', terminalName: 'A2', cashierName: '王小明', count: 1, mode: 'online', reversed: false }]);
  });

  it('a partly used voucher shows its use, and a reversed use says so', async () => {
    const voucher = await w.issue(w.campaigns.bothStores);
    const redeem = w.a1.redeem(voucher.code, { deviceTime: new Date(Date.now() - 5 * 60_000).toISOString() });
    const other = w.a1.redeem(voucher.code, { deviceTime: new Date(Date.now() - 60_000).toISOString() });
    await w.a1.pushOk([redeem, other, w.a1.reverse(redeem.args.redemptionId, w.manager.id)]);
    const preview = VoucherPreview.parse((await w.b1.client.post('/vouchers/prepare', { code: voucher.code })).body);
    expect(preview).toMatchObject({ redeemed: 1, remaining: 1, redeemable: true });
    expect(preview.lastUses?.map((u) => [u.storeName, u.terminalName, u.mode, u.reversed])).toEqual([
      ['A 店', 'A1', 'offline', false],
      ['A 店', 'A1', 'offline', true],
    ]);
  });

  it('lists at most the last five uses', async () => {
    const many = await createCampaign(s.server.db, w.merchant.id, {
      kind: 'product', title: '十次卡', priceFen: 10_000, faceValueFen: 20_000, usesPerVoucher: 10,
      validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + DAY), storeIds: [w.stores.a.id],
    });
    const voucher = await w.issue(many);
    const cashier = await addTerminalUser(s.server.db, w.merchant.id, { storeId: w.stores.a.id, name: '李收银', role: 'cashier', pin: '246802' });
    for (let day = 1; day <= 7; day += 1) await redeemOnline(w.a1, voucher.code, `2026-11-0${day}T10:00:00+08:00`, cashier.id);
    const preview = VoucherPreview.parse((await w.a1.client.post('/vouchers/prepare', { code: voucher.code })).body);
    expect(preview.redeemed).toBe(7);
    expect(preview.lastUses?.map((u) => u.at.slice(0, 10))).toEqual(['2026-11-07', '2026-11-06', '2026-11-05', '2026-11-04', '2026-11-03']);
  });
});
