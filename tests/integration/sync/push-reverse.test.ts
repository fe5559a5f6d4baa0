import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../support/server/backends';
import { buildSyncWorld, startSyncServer, voucherState, type SyncServer, type SyncWorld } from './support/sync-world';

describe.each(BACKENDS)('sync push: voucher.reverse@1 (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('appends a reversal, frees the uses, and answers the same reversal again with its first result', async () => {
    const voucher = await w.issue(w.campaigns.bothStores);
    // Two uses of ￥168 are above the default ￥200 threshold: a manager approved them offline.
    const redeem = w.a1.redeem(voucher.code, { count: 2, approval: { managerId: w.manager.id, approvedAt: new Date().toISOString() } });
    const reverse = w.a1.reverse(redeem.args.redemptionId, w.manager.id);
    const answer = await w.a1.pushOk([redeem, reverse]);
    expect(answer.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(answer.results[1]?.result).toMatchObject({ reversalId: reverse.args.reversalId, redemptionId: redeem.args.redemptionId, voucherId: voucher.id, usesFreed: 2, remaining: 2 });
    expect(await voucherState(s.server.db, voucher.id)).toMatchObject({ redeemed: 0, status: 'active' });
    // The ledger row is never edited: the reversal is a row of its own.
    const ledger = await s.server.db.kysely.selectFrom('redemptions').select(['outcome', 'count', 'remaining_after']).where('redemption_id', '=', redeem.args.redemptionId).executeTakeFirstOrThrow();
    expect(ledger).toEqual({ outcome: 'accepted', count: 2, remaining_after: 0 });
    const reversals = await s.server.db.kysely.selectFrom('redemption_reversals').selectAll().where('redemption_id', '=', redeem.args.redemptionId).execute();
    expect(reversals).toHaveLength(1);
    expect(reversals[0]).toMatchObject({ manager_id: w.manager.id, uses_freed: 2, reason: '顾客退单', terminal_id: w.terminals.a1.id });
    const audit = await s.server.db.kysely.selectFrom('audit_log').select('action').where('subject_id', '=', redeem.args.redemptionId).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['voucher.redeem.offline', 'voucher.reverse']);

    const again = await w.a1.pushOk([redeem, reverse]);
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(again.results[1]?.result).toEqual(answer.results[1]?.result);
    // The same reversal id in a new entry (another seq) is idempotent too.
    const replay = w.a1.entry('voucher.reverse@1', reverse.args);
    expect((await w.a1.pushOk([replay])).results[0]).toMatchObject({ status: 'duplicate', result: answer.results[1]?.result as object });
    const second = w.a1.reverse(redeem.args.redemptionId, w.manager.id);
    expect((await w.a1.pushOk([second])).results[0]).toMatchObject({ status: 'rejected', error: { code: 'ALREADY_REVERSED' } });
    expect(await voucherState(s.server.db, voucher.id)).toMatchObject({ redeemed: 0 });
  });

  it('reverses an online redemption too, and brings an exhausted voucher back', async () => {
    const voucher = await w.issue(w.campaigns.storeAOnly);
    const redemptionId = randomUUID();
    expect((await w.a2.client.post('/vouchers/redeem', { cashierId: 'cashier-1', redemptionId, code: voucher.code, count: 1, deviceTime: new Date().toISOString() })).status).toBe(200);
    expect(await voucherState(s.server.db, voucher.id)).toMatchObject({ status: 'exhausted' });
    const answer = await w.a2.pushOk([w.a2.reverse(redemptionId, w.manager.id)]);
    expect(answer.results[0]).toMatchObject({ status: 'applied', result: { usesFreed: 1, remaining: 1 } });
    expect(await voucherState(s.server.db, voucher.id)).toMatchObject({ redeemed: 0, status: 'active' });
  });

  it('refuses a reversal after the store policy’s window, without a manager of the store, or of another store’s redemption', async () => {
    const voucher = await w.issue(w.campaigns.bothStores);
    const redeemedAt = new Date(Date.now() - 40 * 60_000);
    const redeem = w.a1.redeem(voucher.code, { deviceTime: redeemedAt.toISOString() });
    const late = w.a1.reverse(redeem.args.redemptionId, w.manager.id, new Date(redeemedAt.getTime() + 31 * 60_000).toISOString());
    const stranger = w.a1.reverse(redeem.args.redemptionId, w.owner.id);
    const answer = await w.a1.pushOk([redeem, late, stranger]);
    expect(answer.results.map((r) => [r.status, r.error?.code ?? null])).toEqual([
      ['applied', null],
      ['rejected', 'REVERSE_WINDOW_CLOSED'],
      ['rejected', 'MANAGER_PIN_INVALID'],
    ]);
    const fromB = await w.b1.pushOk([w.b1.reverse(redeem.args.redemptionId, w.manager.id)]);
    expect(fromB.results[0]).toMatchObject({ status: 'rejected', error: { code: 'REDEMPTION_NOT_FOUND' } });
    expect(await voucherState(s.server.db, voucher.id)).toMatchObject({ redeemed: 1 });

    // A wider window set by the owner applies from the next push.
    const policy = { provisionalEnabled: true, maxCountPerTerminal: 20, maxValueFenPerTerminal: 100000, maxOfflineHours: 24, managerPinAboveFen: 20000, reverseWindowMinutes: 60, leaseMultiStore: false, leaseHours: 72 };
    expect((await w.merchantClient.request('PUT', `/merchant/stores/${w.stores.a.id}/offline-policy`, JSON.stringify(policy), 'application/json')).status).toBe(200);
    const within = w.a1.reverse(redeem.args.redemptionId, w.manager.id, new Date(redeemedAt.getTime() + 31 * 60_000).toISOString());
    expect((await w.a1.pushOk([within])).results[0]).toMatchObject({ status: 'applied' });
  });

  it('reverses a conflict without freeing uses and closes the conflict', async () => {
    const voucher = await w.issue(w.campaigns.bothStores, { uses: 1 });
    expect((await w.b1.client.post('/vouchers/redeem', { cashierId: 'cashier-1', redemptionId: randomUUID(), code: voucher.code, count: 1, deviceTime: new Date().toISOString() })).status).toBe(200);
    const redeem = w.a1.redeem(voucher.code);
    const reverse = w.a1.reverse(redeem.args.redemptionId, w.manager.id);
    const answer = await w.a1.pushOk([redeem, reverse]);
    expect(answer.results.map((r) => r.status)).toEqual(['conflict', 'applied']);
    expect(answer.results[1]?.result).toMatchObject({ usesFreed: 0, remaining: 0 });
    expect(await voucherState(s.server.db, voucher.id)).toMatchObject({ redeemed: 1, status: 'exhausted' });
    const conflict = await s.server.db.kysely.selectFrom('redemption_conflicts').select(['status', 'resolved_by']).where('redemption_id', '=', redeem.args.redemptionId).executeTakeFirstOrThrow();
    expect(conflict).toEqual({ status: 'resolved', resolved_by: `reversal:${reverse.args.reversalId}` });
  });
});
