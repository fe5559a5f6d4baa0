import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PUSH_ENTRIES, PushUnavailable } from '../../../core/sync';
import { generateVoucherCode } from '../../../core/voucher-code';
import type { Db } from '../../../server/db/database';
import { mintPairingCode } from '../../../server/repositories/pairing-repository';
import { ApiClient, errorCode } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import { snapshot } from '../../support/server/db-state';
import { fixedTier } from '../../support/server/limit-tiers';
import { SyncTerminal } from './support/sync-terminal';
import { buildSyncWorld, startSyncServer, voucherState, type SyncServer, type SyncWorld } from './support/sync-world';

/** Everything a refused push must leave as it was. */
async function syncState(db: Db) {
  return {
    ...(await snapshot(db)),
    results: await db.kysely.selectFrom('push_results').selectAll().orderBy('client_id').execute(),
    devices: await db.kysely.selectFrom('device_sequences').select(['terminal_id', 'last_seq', 'rebase']).orderBy('terminal_id').execute(),
  };
}

/** Makes inserting a redemption by cashier `boom` fail inside the database, as a broken disk would. */
async function injectFailure(db: Db, on: boolean): Promise<void> {
  if (db.kind === 'sqlite') {
    if (on) await sql`create trigger test_boom before insert on redemptions when new.cashier_id = 'boom' begin select raise(abort, 'injected failure'); end`.execute(db.kysely);
    else await sql`drop trigger test_boom`.execute(db.kysely);
    return;
  }
  if (on) {
    await sql`create function test_boom() returns trigger language plpgsql as $$ begin if new.cashier_id = 'boom' then raise exception 'injected failure'; end if; return new; end $$`.execute(db.kysely);
    await sql`create trigger test_boom before insert on redemptions for each row execute function test_boom()`.execute(db.kysely);
  } else {
    await sql`drop function test_boom() cascade`.execute(db.kysely);
  }
}

describe.each(BACKENDS)('sync push: refused and failed pushes (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('refuses an unknown device, a forged device id, malformed entries and oversized batches, changing nothing', async () => {
    const voucher = await w.issue(w.campaigns.bothStores);
    const entry = w.b1.redeem(voucher.code);
    const before = await syncState(s.server.db);

    const anonymous = await new ApiClient(s.server).post('/sync/push', { deviceId: w.terminals.b1.id, entries: [entry] });
    expect([anonymous.status, errorCode(anonymous)]).toEqual([401, 'UNAUTHORIZED']);
    const forgedToken = await new ApiClient(s.server, 'x'.repeat(43)).post('/sync/push', { deviceId: w.terminals.b1.id, entries: [entry] });
    expect(forgedToken.status).toBe(401);
    const forged = await w.a1.client.post('/sync/push', { deviceId: w.terminals.b1.id, entries: [entry] });
    expect([forged.status, errorCode(forged)]).toEqual([403, 'FORBIDDEN']);

    const malformed = [
      { deviceId: w.terminals.b1.id, entries: [] },
      { deviceId: w.terminals.b1.id, entries: [{ ...entry, seq: 0 }] },
      { deviceId: w.terminals.b1.id, entries: [{ ...entry, clientId: 'nope' }] },
      { deviceId: w.terminals.b1.id, entries: [{ ...entry, intent: 'Redeem' }] },
      { deviceId: w.terminals.b1.id, entries: [{ ...entry, deviceTime: 'yesterday' }] },
      { deviceId: w.terminals.b1.id, entries: [entry, { ...entry, clientId: crypto.randomUUID() }] },
      { entries: [entry] },
    ];
    for (const body of malformed) {
      const res = await w.b1.client.post('/sync/push', body);
      expect([res.status, errorCode(res)], JSON.stringify(body).slice(0, 80)).toEqual([400, 'VALIDATION_FAILED']);
    }
    const notJson = await w.b1.client.request('POST', '/sync/push', '{"deviceId":', 'application/json');
    expect([notJson.status, errorCode(notJson)]).toEqual([400, 'MALFORMED_JSON']);

    const many = Array.from({ length: MAX_PUSH_ENTRIES + 1 }, (_, i) => ({ ...entry, seq: i + 1, clientId: crypto.randomUUID() }));
    const tooMany = await w.b1.client.post('/sync/push', { deviceId: w.terminals.b1.id, entries: many });
    expect([tooMany.status, errorCode(tooMany)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const huge = await w.b1.client.post('/sync/push', { deviceId: w.terminals.b1.id, entries: [{ ...entry, args: { ...entry.args, padding: 'x'.repeat(1_100_000) } }] });
    expect([huge.status, errorCode(huge)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);

    expect(await syncState(s.server.db)).toEqual(before);
    expect((await w.b1.pushOk([entry])).results[0]?.status).toBe('applied');
  });

  it('answers 503 with the last durable sequence when the database fails part-way, keeping what came before', async () => {
    const voucher = await w.issue(w.campaigns.bothStores, { uses: 5 });
    const entries = [w.a2.redeem(voucher.code), w.a2.redeem(voucher.code), w.a2.redeem(voucher.code, { cashierId: 'boom' }), w.a2.redeem(voucher.code)];
    await injectFailure(s.server.db, true);
    let failed;
    try {
      failed = await w.a2.push(entries);
    } finally {
      await injectFailure(s.server.db, false);
    }
    expect(failed.status).toBe(503);
    expect(PushUnavailable.parse(failed.body)).toEqual({ error: { code: 'UNAVAILABLE', message: expect.any(String) }, lastSeq: entries[1]!.seq });
    expect(await voucherState(s.server.db, voucher.id)).toMatchObject({ redeemed: 2 });
    const stored = await s.server.db.kysely.selectFrom('push_results').select('seq').where('terminal_id', '=', w.terminals.a2.id).orderBy('seq').execute();
    expect(stored.map((r) => Number(r.seq))).toEqual([entries[0]!.seq, entries[1]!.seq]);

    const retry = await w.a2.pushOk(entries);
    expect(retry.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'applied', 'applied']);
    expect(await voucherState(s.server.db, voucher.id)).toMatchObject({ redeemed: 4 });
  });

  it('refuses a sequence number reused for a different entry (an outbox reset) until the terminal is paired again', async () => {
    const voucher = await w.issue(w.campaigns.bothStores, { uses: 5 });
    const sent = await w.a1.pushOk([w.a1.redeem(voucher.code), w.a1.redeem(voucher.code), w.a1.redeem(voucher.code)]);
    const last = sent.lastSeq;
    // A wiped terminal that kept its token numbers from 1 again.
    const terminal = new SyncTerminal(w.a1.client, w.terminals.a1.id);
    const fresh = terminal.redeem(voucher.code);
    const before = await syncState(s.server.db);
    const reused = await terminal.push([fresh]);
    expect([reused.status, errorCode(reused)]).toEqual([409, 'SEQUENCE_REUSED']);
    expect(await syncState(s.server.db)).toEqual(before);

    const { code } = await mintPairingCode(s.server.db, w.terminals.a1.id);
    const paired = await new ApiClient(s.server).post<{ token: string }>('/terminals/pair', { pairingCode: code });
    const rebased = new SyncTerminal(new ApiClient(s.server, paired.body.token), w.terminals.a1.id);
    const first = rebased.redeem(voucher.code);
    const answer = await rebased.pushOk([first, rebased.redeem(voucher.code)]);
    expect(answer.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(answer.lastSeq).toBe(2);
    expect(last).toBeGreaterThan(2);
    // From then on the sequence is strict again.
    expect((await rebased.pushOk([rebased.redeem(voucher.code), rebased.redeem(voucher.code)].slice(1))).gap).toEqual({ expectedSeq: 3 });
  });
});

describe.each(BACKENDS)('sync push: unknown codes count as guesses (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    s = await startSyncServer(kind, { lookupLimits: { perTerminal: [fixedTier(3, 60_000)], perStore: [fixedTier(100, 60_000)], perAddress: [fixedTier(100, 60_000)] } });
    w = await buildSyncWorld(s.server);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('stops a push of unknown codes at the miss that reaches the limit, then blocks the terminal as online look-ups are blocked', async () => {
    const guesses = Array.from({ length: 40 }, () => w.a1.redeem(generateVoucherCode((n) => new Uint8Array(randomBytes(n)))));
    const first = await w.a1.pushOk(guesses);
    // Checked per entry: three misses are answered, the rest waits for the next push.
    expect(first.results.map((r) => r.error?.code)).toEqual(['VOUCHER_NOT_FOUND', 'VOUCHER_NOT_FOUND', 'VOUCHER_NOT_FOUND']);
    expect(first.lastSeq).toBe(guesses[2]!.seq);
    const voucher = await w.issue(w.campaigns.bothStores);
    const next = await w.a1.push([w.a1.redeem(voucher.code)]);
    expect([next.status, errorCode(next)]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(next.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await voucherState(s.server.db, voucher.id)).toMatchObject({ redeemed: 0 });
    expect((await w.a1.client.post('/vouchers/prepare', { code: voucher.code })).status).toBe(429);
  });
});
