import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PUSH_ENTRIES, type EntryResult } from '../../../core/sync';
import { createTerminal, issueVouchers } from '../../../server/repositories/merchant-setup';
import { BACKENDS } from '../../support/server/backends';
import { SyncTerminal } from './support/sync-terminal';
import { buildSyncWorld, startSyncServer, voucherState, type SyncServer, type SyncWorld } from './support/sync-world';

const HOUR = 3_600_000;
const POLICY = { provisionalEnabled: true, maxCountPerTerminal: 20, maxValueFenPerTerminal: 100000, maxOfflineHours: 24, managerPinAboveFen: 20000, reverseWindowMinutes: 30, leaseMultiStore: false, leaseHours: 72 };

describe.each(BACKENDS)('sync push: the store’s offline policy is the server’s to enforce (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
  });
  afterAll(async () => {
    await s?.stop();
  });

  async function setPolicy(over: Partial<typeof POLICY>): Promise<void> {
    const res = await w.merchantClient.request('PUT', `/merchant/stores/${w.stores.a.id}/offline-policy`, JSON.stringify({ ...POLICY, ...over }), 'application/json');
    expect(res.status).toBe(200);
  }

  async function conflictReason(redemptionId: string): Promise<string | undefined> {
    const row = await s.server.db.kysely.selectFrom('redemption_conflicts').select('reason').where('redemption_id', '=', redemptionId).executeTakeFirst();
    return row?.reason;
  }

  it('records provisional redemptions beyond the terminal’s count and value caps as conflicts naming the rule', async () => {
    await setPolicy({ maxCountPerTerminal: 2, maxValueFenPerTerminal: 12000 });
    const vouchers = await Promise.all([1, 2, 3].map(() => w.issue(w.campaigns.storeAOnly)));
    const entries = vouchers.map((v) => w.a1.redeem(v.code));
    const answer = await w.a1.pushOk(entries);
    expect(answer.results.map((r) => r.status)).toEqual(['applied', 'applied', 'conflict']);
    expect(answer.results[2]?.result).toMatchObject({ outcome: 'conflict' });
    expect(await conflictReason(entries[2]!.args.redemptionId)).toBe('OFFLINE_CAP_REACHED');
    expect(await voucherState(s.server.db, vouchers[2]!.id)).toMatchObject({ redeemed: 0 });
    // The back office lists it with the rule that was exceeded.
    const listed = await w.merchantClient.get<{ items: { redemptionId: string; reason: string; status: string }[] }>('/merchant/conflicts');
    expect(listed.body.items.find((c) => c.redemptionId === entries[2]!.args.redemptionId)).toMatchObject({ reason: 'OFFLINE_CAP_REACHED', status: 'open' });

    // Value: two ￥50 vouchers are within ￥120; a third (count 1, ￥50) in the same offline stretch is not.
    await setPolicy({ maxCountPerTerminal: 20, maxValueFenPerTerminal: 12000 });
    const more = await Promise.all([1, 2, 3].map(() => w.issue(w.campaigns.storeAOnly)));
    const later = more.map((v) => w.a1.redeem(v.code));
    expect((await w.a1.pushOk(later)).results.map((r) => r.status)).toEqual(['applied', 'applied', 'conflict']);
    expect(await conflictReason(later[2]!.args.redemptionId)).toBe('OFFLINE_CAP_REACHED');

    // Made after those reached the server: the caps start again.
    const fresh = await w.issue(w.campaigns.storeAOnly);
    expect((await w.a1.pushOk([w.a1.redeem(fresh.code)])).results[0]?.status).toBe('applied');
  });

  it('needs a store manager’s approval above the threshold, and refuses provisional redemptions when the store allows none', async () => {
    await setPolicy({ managerPinAboveFen: 10000 });
    const [unapproved, stranger, approved] = await Promise.all([1, 2, 3].map(() => w.issue(w.campaigns.bothStores)));
    const entries = [
      w.a1.redeem(unapproved!.code),
      w.a1.redeem(stranger!.code, { approval: { managerId: w.owner.id, approvedAt: new Date().toISOString() } }),
      w.a1.redeem(approved!.code, { approval: { managerId: w.manager.id, approvedAt: new Date().toISOString() } }),
    ];
    expect((await w.a1.pushOk(entries)).results.map((r) => r.status)).toEqual(['conflict', 'conflict', 'applied']);
    expect(await conflictReason(entries[0]!.args.redemptionId)).toBe('MANAGER_APPROVAL_REQUIRED');
    expect(await conflictReason(entries[1]!.args.redemptionId)).toBe('MANAGER_APPROVAL_REQUIRED');

    await setPolicy({ provisionalEnabled: false });
    const off = await w.issue(w.campaigns.storeAOnly);
    const entry = w.a1.redeem(off.code);
    expect((await w.a1.pushOk([entry])).results[0]?.status).toBe('conflict');
    expect(await conflictReason(entry.args.redemptionId)).toBe('OFFLINE_NOT_ALLOWED');
    expect(await voucherState(s.server.db, off.id)).toMatchObject({ redeemed: 0 });
  });

  /** A terminal of store A no other test pushes from, so its offline stretch is this test's alone. */
  async function freshTerminal(name: string): Promise<SyncTerminal> {
    const terminal = await createTerminal(s.server.db, w.merchant.id, w.stores.a.id, name);
    return SyncTerminal.pair(s.server, terminal.id);
  }

  async function conflictsOf(terminalId: string): Promise<string[]> {
    const rows = await s.server.db.kysely.selectFrom('redemption_conflicts').select('reason').where('terminal_id', '=', terminalId).execute();
    return rows.map((r) => r.reason);
  }

  it('counts a backlog of 10,000 provisional redemptions against the caps across pushes and transactions', async () => {
    const vouchers = await issueVouchers(s.server.db, w.merchant.id, w.campaigns.storeAOnly, { count: 10_000, uses: 1 });
    // On SQLite the issue held the event loop for seconds: let the server close the keep-alive
    // connections that went idle meanwhile, so no request is sent down one as it closes.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await setPolicy({ maxCountPerTerminal: 9_990, maxValueFenPerTerminal: 100_000_000, managerPinAboveFen: 100_000_000 });
    const pos = await freshTerminal('backlog');
    // Made one after another in the last minute, before any of them reached the server.
    const madeFrom = s.clock.now().getTime() - 60_000;
    const entries = vouchers.map((v, i) => pos.redeem(v.code, { deviceTime: new Date(madeFrom + i).toISOString() }));
    const results: EntryResult[] = [];
    for (let at = 0; at < entries.length; at += MAX_PUSH_ENTRIES) results.push(...(await pos.pushOk(entries.slice(at, at + MAX_PUSH_ENTRIES))).results);
    expect(results.slice(0, 9_990).every((r) => r.status === 'applied')).toBe(true);
    expect(results.slice(9_990).map((r) => r.status)).toEqual(Array(10).fill('conflict'));
    expect(await conflictsOf(pos.terminalId)).toEqual(Array(10).fill('OFFLINE_CAP_REACHED'));
    expect(await voucherState(s.server.db, vouchers[9_990]!.id)).toMatchObject({ redeemed: 0 });
  }, 300_000);

  it('counts only the redemptions made before by the device clock, even after the clock was set back', async () => {
    await setPolicy({ maxCountPerTerminal: 1 });
    const pos = await freshTerminal('clock set back');
    const vouchers = await Promise.all([1, 2, 3].map(() => w.issue(w.campaigns.storeAOnly)));
    const now = s.clock.now().getTime();
    const entries = [
      pos.redeem(vouchers[0]!.code, { deviceTime: new Date(now - 60_000).toISOString() }),
      // The clock was set back a minute: by it this one came first, with nothing before it.
      pos.redeem(vouchers[1]!.code, { deviceTime: new Date(now - 120_000).toISOString() }),
      pos.redeem(vouchers[2]!.code, { deviceTime: new Date(now - 30_000).toISOString() }),
    ];
    expect((await pos.pushOk(entries)).results.map((r) => r.status)).toEqual(['applied', 'applied', 'conflict']);
    expect(await conflictsOf(pos.terminalId)).toEqual(['OFFLINE_CAP_REACHED']);
  });

  it('measures time offline from the terminal’s last answered sync, by the server’s own record', async () => {
    await setPolicy({ maxOfflineHours: 2 });
    expect((await w.a2.pull()).status).toBe(200);
    const [within, late] = await Promise.all([1, 2].map(() => w.issue(w.campaigns.storeAOnly)));
    s.clock.advance(5 * HOUR);
    const now = s.clock.now().getTime();
    const entries = [
      w.a2.redeem(within!.code, { deviceTime: new Date(now - 4 * HOUR).toISOString() }),
      w.a2.redeem(late!.code, { deviceTime: new Date(now - 2 * HOUR).toISOString() }),
    ];
    expect((await w.a2.pushOk(entries)).results.map((r) => r.status)).toEqual(['applied', 'conflict']);
    expect(await conflictReason(entries[1]!.args.redemptionId)).toBe('OFFLINE_TOO_LONG');
    // The push itself is a contact: a redemption made now is within the hours again.
    const next = await w.issue(w.campaigns.storeAOnly);
    expect((await w.a2.pushOk([w.a2.redeem(next.code, { deviceTime: s.clock.now().toISOString() })])).results[0]?.status).toBe('applied');
  });

  it('leaves redemptions inside a lease to the lease, whatever the caps', async () => {
    await setPolicy({ maxCountPerTerminal: 0, provisionalEnabled: false });
    const voucher = await w.issue(w.campaigns.storeAOnly);
    const lease = await s.server.db.kysely.selectFrom('leases').select('id').where('voucher_id', '=', voucher.id).executeTakeFirstOrThrow();
    const entry = w.a1.redeem(voucher.code, { basis: 'lease', leaseId: lease.id });
    expect((await w.a1.pushOk([entry])).results[0]?.status).toBe('applied');
  });
});
