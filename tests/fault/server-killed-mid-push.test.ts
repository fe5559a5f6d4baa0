import { afterAll, describe, expect, it } from 'vitest';
import { PushResponse, type EntryResult, type OutboxEntry } from '../../core/sync';
import { issueVouchers } from '../../server/repositories/merchant-setup';
import { mintPairingCode } from '../../server/repositories/pairing-repository';
import { ApiClient } from '../support/server/api-client';
import { BACKENDS } from '../support/server/backends';
import { killableServer } from './support/killable-server';
import { allowWideOffline } from '../support/server/offline-policy';
import { buildWorld } from '../support/server/world';
import { SyncTerminal } from '../integration/sync/support/sync-terminal';

const ENTRIES = 800;
const BATCH = 200;

/**
 * The server as a real process (`tsx server/main.ts`), killed with SIGKILL while a terminal pushes
 * its queue, then started again on the same data: every entry ends with exactly one result, the
 * ones applied before the kill are answered as duplicates, and nothing is applied twice.
 */
describe.each(BACKENDS)('server killed in the middle of a push (%s)', (kind) => {
  const server = killableServer(kind);
  afterAll(() => server.cleanup());

  it('gives every entry exactly one result and applies none twice', async () => {
    const db = await server.openDb();
    const world = await buildWorld(db);
    const vouchers = await issueVouchers(db, world.merchant.id, world.campaigns.bothStores, { count: ENTRIES, uses: 1 });
    await allowWideOffline(db, world.merchant.id, world.stores.a.id);
    const { code: pairingCode } = await mintPairingCode(db, world.terminals.a1.id);

    const url = await server.start();
    const paired = await new ApiClient({ url }).post<{ token: string }>('/terminals/pair', { pairingCode });
    const token = paired.body.token;
    const terminal = new SyncTerminal(new ApiClient({ url }, token), world.terminals.a1.id);
    const entries: OutboxEntry[] = vouchers.map((v) => terminal.redeem(v.code));

    // Push the queue batch after batch, and kill the server as soon as some of it is durable.
    const answered: EntryResult[] = [];
    let failedInFlight = false;
    const pushing = (async () => {
      for (let at = 0; at < entries.length; at += BATCH) {
        try {
          answered.push(...PushResponse.parse(await terminal.pushOk(entries.slice(at, at + BATCH))).results);
        } catch {
          failedInFlight = true;
          return;
        }
      }
    })();
    const durable = async () => Number((await db.kysely.selectFrom('device_sequences').select('last_seq').where('terminal_id', '=', world.terminals.a1.id).executeTakeFirst())?.last_seq ?? 0);
    while ((await durable()) === 0) await new Promise((done) => setTimeout(done, 2));
    await server.kill();
    await pushing;
    expect(failedInFlight).toBe(true);

    const last = await durable();
    expect(last).toBeGreaterThan(0);
    expect(last).toBeLessThan(ENTRIES);
    const results = await db.kysely.selectFrom('push_results').select(['seq', 'client_id']).where('terminal_id', '=', world.terminals.a1.id).orderBy('seq').execute();
    expect(results.map((r) => Number(r.seq))).toEqual(entries.slice(0, last).map((e) => e.seq));
    const redeemed = await db.kysely.selectFrom('vouchers').select(['code', 'redeemed']).where('merchant_id', '=', world.merchant.id).where('campaign_id', '=', world.campaigns.bothStores.id).execute();
    const redeemedCodes = new Set(redeemed.filter((v) => v.redeemed === 1).map((v) => v.code));
    expect(redeemedCodes).toEqual(new Set(vouchers.slice(0, last).map((v) => v.code)));
    expect(redeemed.every((v) => v.redeemed <= 1)).toBe(true);

    // Started again on the same data: the terminal sends everything it has no answer for.
    const again = await server.start();
    const resumed = new SyncTerminal(new ApiClient({ url: again }, token), world.terminals.a1.id);
    const unanswered = entries.slice(answered.length);
    const finals: EntryResult[] = [];
    for (let at = 0; at < unanswered.length; at += BATCH) {
      finals.push(...PushResponse.parse(await resumed.pushOk(unanswered.slice(at, at + BATCH))).results);
    }
    expect(finals.map((r) => r.seq)).toEqual(unanswered.map((e) => e.seq));
    for (const result of finals) expect(result.status).toBe(result.seq <= last ? 'duplicate' : 'applied');

    const everyResult = [...answered, ...finals];
    expect(new Set(everyResult.map((r) => r.seq)).size).toBe(ENTRIES);
    const ledger = await db.kysely.selectFrom('redemptions').select('voucher_id').where('terminal_id', '=', world.terminals.a1.id).execute();
    expect(ledger).toHaveLength(ENTRIES);
    expect(new Set(ledger.map((r) => r.voucher_id)).size).toBe(ENTRIES);
    const after = await db.kysely.selectFrom('vouchers').select('redeemed').where('campaign_id', '=', world.campaigns.bothStores.id).execute();
    expect(after.every((v) => v.redeemed === 1)).toBe(true);
    expect(await db.kysely.selectFrom('push_results').select('seq').where('terminal_id', '=', world.terminals.a1.id).execute()).toHaveLength(ENTRIES);
  }, 120_000);
});
