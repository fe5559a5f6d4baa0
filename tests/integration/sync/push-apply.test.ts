import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedemptionRecord } from '../../../core/redemption-api';
import { EntryResult, PushResponse } from '../../../core/sync';
import { BACKENDS } from '../../support/server/backends';
import { ledgerRows, voucherRow } from '../../support/server/db-state';
import { buildSyncWorld, startSyncServer, voucherState, type SyncServer, type SyncWorld } from './support/sync-world';
import { fixedTier } from '../../support/server/limit-tiers';

describe.each(BACKENDS)('sync push: applying entries (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('applies entries in sequence order, each with its record, and answers a resend with the stored results', async () => {
    const voucher = await w.issue(w.campaigns.bothStores);
    const first = w.a1.redeem(voucher.code);
    const second = w.a1.redeem(voucher.code);
    // Sent out of order: the server sorts by seq.
    const answer = PushResponse.parse(await w.a1.pushOk([second, first]));
    expect(answer).toMatchObject({ lastSeq: second.seq, gap: null });
    expect(answer.results.map((r) => [r.seq, r.status, r.error])).toEqual([
      [first.seq, 'applied', null],
      [second.seq, 'applied', null],
    ]);
    const records = answer.results.map((r) => RedemptionRecord.parse(r.result));
    expect(records.map((r) => [r.redemptionId, r.mode, r.outcome, r.remaining, r.storeId, r.terminalId])).toEqual([
      [first.args.redemptionId, 'offline', 'accepted', 1, w.stores.a.id, w.terminals.a1.id],
      [second.args.redemptionId, 'offline', 'accepted', 0, w.stores.a.id, w.terminals.a1.id],
    ]);
    expect(await voucherRow(s.server.db, voucher.code)).toMatchObject({ redeemed: 2, status: 'exhausted' });

    const again = PushResponse.parse(await w.a1.pushOk([first, second]));
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(again.results.map((r) => r.result)).toEqual(answer.results.map((r) => r.result));
    expect(again.lastSeq).toBe(second.seq);
    expect(await ledgerRows(s.server.db, voucher.id)).toHaveLength(2);
  });

  it('reports a gap and applies nothing after it', async () => {
    const voucher = await w.issue(w.campaigns.bothStores);
    const next = w.a2.redeem(voucher.code);
    const skipped = w.a2.redeem(voucher.code);
    const after = w.a2.redeem(voucher.code);
    const answer = await w.a2.pushOk([next, after]);
    expect(answer.gap).toEqual({ expectedSeq: skipped.seq });
    expect(answer.lastSeq).toBe(next.seq);
    expect(answer.results.map((r) => [r.seq, r.status])).toEqual([[next.seq, 'applied']]);
    expect(await voucherRow(s.server.db, voucher.code)).toMatchObject({ redeemed: 1 });

    const onlyAfter = await w.a2.pushOk([after]);
    expect(onlyAfter).toMatchObject({ results: [], lastSeq: next.seq, gap: { expectedSeq: skipped.seq } });
    const filled = await w.a2.pushOk([skipped, after]);
    // The third use of a two-use voucher: recorded as a conflict, not lost.
    expect(filled.results.map((r) => [r.status, r.error])).toEqual([['applied', null], ['conflict', null]]);
    expect(filled.results[1]?.result).toMatchObject({ outcome: 'conflict', remaining: 0 });
  });

  it('records a business refusal and still advances the sequence', async () => {
    const live = await w.issue(w.campaigns.bothStores);
    const expired = await w.issue(w.campaigns.bothStores, { validFrom: new Date(Date.now() - 5 * 86_400_000), validUntil: new Date(Date.now() - 86_400_000) });
    const otherMerchants = await w.issue(w.other.campaign);
    const entries = [
      w.b1.redeem('123456789018'),
      w.b1.redeem(otherMerchants.code),
      w.b1.redeem(expired.code, { deviceTime: new Date(Date.now() - 2 * 86_400_000 + 60_000).toISOString() }),
      w.b1.redeem(expired.code),
      w.b1.redeem(live.code.slice(0, 11) + String((Number(live.code[11]) + 1) % 10)),
      w.b1.entry('voucher.transfer@1', {}),
      w.b1.entry('voucher.redeem@1', { redemptionId: 'not-a-uuid', count: 1 }),
      w.b1.redeem(live.code),
    ];
    const answer = await w.b1.pushOk(entries);
    expect(answer.lastSeq).toBe(entries.at(-1)!.seq);
    expect(answer.results.map((r) => [r.status, r.error?.code ?? null])).toEqual([
      ['rejected', 'VOUCHER_NOT_FOUND'],
      ['rejected', 'VOUCHER_NOT_FOUND'],
      // Redeemed offline while it was still valid (its business time), synced after it expired.
      ['applied', null],
      ['rejected', 'VOUCHER_EXPIRED'],
      ['rejected', 'CODE_CHECK_DIGIT'],
      ['rejected', 'INTENT_UNSUPPORTED'],
      ['rejected', 'VALIDATION_FAILED'],
      ['applied', null],
    ]);
    const stored = await s.server.db.kysely.selectFrom('push_results').selectAll().where('terminal_id', '=', w.terminals.b1.id).execute();
    expect(stored).toHaveLength(entries.length);
    const resent = await w.b1.pushOk(entries);
    expect(resent.results.map((r) => r.status)).toEqual(entries.map(() => 'duplicate'));
    expect(resent.results.map((r) => r.error)).toEqual(answer.results.map((r) => r.error));
  });

  it('answers an entry reusing the id of an online redemption with that redemption, or refuses a different one', async () => {
    const voucher = await w.issue(w.campaigns.bothStores);
    const redemptionId = randomUUID();
    const online = await w.a1.client.post('/vouchers/redeem', { cashierId: 'cashier-1', redemptionId, code: voucher.code, count: 1, deviceTime: new Date().toISOString() });
    expect(online.status).toBe(200);
    const same = w.a1.redeem(voucher.code, { redemptionId });
    const different = w.a1.redeem(voucher.code, { redemptionId, count: 2 });
    const answer = await w.a1.pushOk([same, different]);
    expect(answer.results[0]).toMatchObject({ status: 'duplicate', result: online.body as object, error: null });
    expect(answer.results[1]).toMatchObject({ status: 'rejected', error: { code: 'REDEMPTION_ID_REUSED' } });
    expect(await voucherState(s.server.db, voucher.id)).toMatchObject({ redeemed: 1 });
  });

  it('flags a device clock more than five minutes off, and judges validity by the corrected time', async () => {
    const now = Date.now();
    const voucher = await w.issue(w.campaigns.bothStores, { validUntil: new Date(now + 5 * 60_000) });
    // The device clock runs 10 minutes ahead: its "now + 9 min" was really a minute ago.
    const ahead = 10 * 60_000;
    const entry = w.a1.redeem(voucher.code, { deviceTime: new Date(now + ahead - 60_000).toISOString() });
    const answer = await w.a1.pushOk([entry], { sentAt: new Date(now + ahead).toISOString() });
    const result = answer.results[0]!;
    expect(result.status).toBe('applied');
    expect(result.result).toMatchObject({ outcome: 'accepted', deviceTime: new Date(now + ahead - 60_000).toISOString(), clockSkewed: true });
    expect((result.result as { clockSkewMs: number }).clockSkewMs).toBeLessThan(-9 * 60_000);
    const row = await s.server.db.kysely.selectFrom('redemptions').select(['clock_skew_ms', 'offline_basis', 'mode']).where('redemption_id', '=', entry.args.redemptionId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ mode: 'offline', offline_basis: 'provisional' });
    expect(Number(row.clock_skew_ms)).toBeLessThan(-9 * 60_000);

    const honest = w.a1.redeem(voucher.code);
    const fine = await w.a1.pushOk([honest], { sentAt: new Date().toISOString() });
    expect(fine.results[0]?.result).toMatchObject({ clockSkewed: false });
    // Without sentAt only a device time in the future gives a skewed clock away.
    const future = w.a2.redeem((await w.issue(w.campaigns.bothStores)).code, { deviceTime: new Date(Date.now() + 20 * 60_000).toISOString() });
    expect((await w.a2.pushOk([future])).results.at(-1)?.result).toMatchObject({ clockSkewed: true });
  });

  it('gives every result the shape of the wire contract', async () => {
    const voucher = await w.issue(w.campaigns.storeAOnly);
    const answer = await w.a1.pushOk([w.a1.redeem(voucher.code, { basis: 'lease' })]);
    for (const result of answer.results) expect(() => EntryResult.parse(result)).not.toThrow();
  });
});

describe.each(BACKENDS)('sync push: a long run of redemptions (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    // Ten unknown codes in one push reach a terminal's guessing limit; this run is about the bulk update.
    const wide = [fixedTier(1000, 60 * 60_000)];
    s = await startSyncServer(kind, { lookupLimits: { perTerminal: wide, perStore: wide, perAddress: wide } });
    w = await buildSyncWorld(s.server);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('answers each entry of a run on different vouchers as if applied alone: accepted, conflicts and refusals in place', async () => {
    // Caps wide enough for the whole run: this is about each entry's own answer, not the store policy.
    const policy = { provisionalEnabled: true, maxCountPerTerminal: 10_000, maxValueFenPerTerminal: 100_000_000, maxOfflineHours: 24, managerPinAboveFen: 100_000_000, reverseWindowMinutes: 30, leaseMultiStore: false, leaseHours: 72 };
    expect((await w.merchantClient.request('PUT', `/merchant/stores/${w.stores.a.id}/offline-policy`, JSON.stringify(policy), 'application/json')).status).toBe(200);
    const plan = Array.from({ length: 60 }, (_, i) => ['ok', 'spent', 'ok', 'unknown', 'ok', 'twice'][i % 6]!);
    const entries = [];
    const expected: [string, string | null][] = [];
    for (const what of plan) {
      const voucher = await w.issue(w.campaigns.bothStores, { uses: 1 });
      if (what === 'spent') {
        expect((await w.b1.client.post('/vouchers/redeem', { cashierId: 'cashier-1', redemptionId: randomUUID(), code: voucher.code, count: 1, deviceTime: new Date().toISOString() })).status).toBe(200);
        entries.push(w.a1.redeem(voucher.code));
        expected.push(['conflict', null]);
      } else if (what === 'unknown') {
        entries.push(w.a1.redeem('123456789018'));
        expected.push(['rejected', 'VOUCHER_NOT_FOUND']);
      } else if (what === 'twice') {
        // The same voucher twice in a row: the second finds it used up.
        entries.push(w.a1.redeem(voucher.code), w.a1.redeem(voucher.code));
        expected.push(['applied', null], ['conflict', null]);
      } else {
        entries.push(w.a1.redeem(voucher.code, { count: 1 }));
        expected.push(['applied', null]);
      }
    }
    const answer = await w.a1.pushOk(entries);
    expect(answer.results.map((r) => [r.status, r.error?.code ?? null])).toEqual(expected);
    expect(answer.lastSeq).toBe(entries.at(-1)!.seq);
    const ledger = await s.server.db.kysely.selectFrom('redemptions').select(['redemption_id', 'outcome']).where('terminal_id', '=', w.terminals.a1.id).execute();
    const outcomeOf = new Map(ledger.map((r) => [r.redemption_id, r.outcome]));
    entries.forEach((entry, i) => {
      const [status] = expected[i]!;
      expect(outcomeOf.get(entry.args.redemptionId) ?? 'none').toBe(status === 'applied' ? 'accepted' : status === 'conflict' ? 'conflict' : 'none');
    });
  });
});
