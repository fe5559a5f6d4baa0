import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COUNTER_SETTINGS } from '../../../core/sale/counter-settings';
import { BACKENDS } from '../../support/server/backends';
import { buildSyncWorld, startSyncServer, voucherState, type SyncServer, type SyncWorld } from '../sync/support/sync-world';
import { query } from './support/counter-entries';

describe.each(BACKENDS)('every redemption names its cashier (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
  });
  afterAll(async () => {
    await s?.stop();
  });

  const cashierOf = async (redemptionId: string) =>
    (await query(s.server.db, 'SELECT cashier_id FROM redemptions WHERE redemption_id = ?', [redemptionId]))[0]?.['cashier_id'];
  const setShared = async (sharedCounterUser: boolean) =>
    expect((await w.merchantClient.request('PUT', '/merchant/counter-settings', JSON.stringify({ ...DEFAULT_COUNTER_SETTINGS, sharedCounterUser }), 'application/json')).status).toBe(200);

  it('refuses an online redemption without a cashier with CASHIER_REQUIRED and takes no use; stores the one who did it', async () => {
    const voucher = await w.issue(w.campaigns.storeAOnly);
    const body = { redemptionId: randomUUID(), code: voucher.code, count: 1, deviceTime: new Date().toISOString() };
    const refused = await w.a1.client.post<{ error: { code: string } }>('/vouchers/redeem', body);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'CASHIER_REQUIRED']);
    expect(await voucherState(s.server.db, voucher.id)).toMatchObject({ redeemed: 0 });

    const named = await w.a1.client.post<{ cashierId: string }>('/vouchers/redeem', { ...body, cashierId: w.manager.id });
    expect([named.status, named.body.cashierId]).toEqual([200, w.manager.id]);
    expect(await cashierOf(body.redemptionId)).toBe(w.manager.id);
  });

  it('lets a shared counter user redeem when the merchant allows it', async () => {
    await setShared(true);
    const voucher = await w.issue(w.campaigns.storeAOnly);
    const redemptionId = randomUUID();
    const res = await w.a1.client.post('/vouchers/redeem', { redemptionId, code: voucher.code, count: 1, deviceTime: new Date().toISOString() });
    expect(res.status).toBe(200);
    expect(await cashierOf(redemptionId)).toBeNull();
    await setShared(false);
  });

  it('still applies an old outbox entry without a cashier (never lost), marked in the audit log; new ones carry the cashier', async () => {
    const [old, fresh] = await Promise.all([w.issue(w.campaigns.storeAOnly), w.issue(w.campaigns.storeAOnly)]);
    const oldEntry = w.a1.redeem(old.code);
    oldEntry.args.cashierId = null;
    const freshEntry = w.a1.redeem(fresh.code, { cashierId: w.manager.id });
    expect((await w.a1.pushOk([oldEntry, freshEntry])).results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await cashierOf(oldEntry.args.redemptionId)).toBeNull();
    expect(await cashierOf(freshEntry.args.redemptionId)).toBe(w.manager.id);
    const [audit] = await query(s.server.db, `SELECT details FROM audit_log WHERE subject_id = ? AND action = 'voucher.redeem.offline'`, [oldEntry.args.redemptionId]);
    expect(JSON.parse(String(audit?.['details']))).toMatchObject({ noCashier: true });
  });
});
