import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushResponse, type EntryResult } from '../../core/sync';
import { ApiClient } from '../support/server/api-client';
import { BACKENDS } from '../support/server/backends';
import { SyncTerminal } from '../integration/sync/support/sync-terminal';
import { buildSyncWorld, startSyncServer, type SyncServer, type SyncWorld } from '../integration/sync/support/sync-world';
import { allowWideOffline } from '../support/server/offline-policy';
import { CuttingProxy } from './support/cutting-proxy';

describe.each(BACKENDS)('a connection cut in the middle of the answer (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;
  let proxy: CuttingProxy;
  let viaProxy: SyncTerminal;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
    await allowWideOffline(s.server.db, w.merchant.id, w.stores.a.id);
    proxy = await CuttingProxy.start({ host: '127.0.0.1', port: s.server.port });
    // Terminal A1 as it sits behind the flaky network: same token and numbering, another route.
    viaProxy = new SyncTerminal(new ApiClient({ url: proxy.url }, w.a1.client.token), w.terminals.a1.id);
  });
  afterAll(async () => {
    await proxy?.stop();
    await s?.stop();
  });

  it('loses only the answer: the push was applied, and the retry gets every stored result as a duplicate', async () => {
    const vouchers = await Promise.all(Array.from({ length: 40 }, () => w.issue(w.campaigns.bothStores)));
    const entries = vouchers.map((v) => viaProxy.redeem(v.code));
    proxy.cutAfterBodyBytes = 120;
    const cut = await viaProxy.push(entries).then(
      (res) => ({ ok: true as const, res }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    // Either fetch fails outright or the truncated body is not the answer.
    expect(cut.ok ? PushResponse.safeParse(cut.res.body).success : false).toBe(false);
    expect(proxy.cuts).toBe(1);

    const applied = await s.server.db.kysely.selectFrom('push_results').select(['seq', 'status', 'result']).where('terminal_id', '=', w.terminals.a1.id).orderBy('seq').execute();
    expect(applied.map((r) => Number(r.seq))).toEqual(entries.map((e) => e.seq));
    const redeemedBefore = await s.server.db.kysely.selectFrom('vouchers').select(['id', 'redeemed']).where('id', 'in', vouchers.map((v) => v.id)).orderBy('id').execute();
    expect(redeemedBefore.every((v) => v.redeemed === 1)).toBe(true);

    proxy.cutAfterBodyBytes = null;
    const retry = PushResponse.parse(await viaProxy.pushOk(entries));
    expect(retry.results.map((r: EntryResult) => r.status)).toEqual(entries.map(() => 'duplicate'));
    expect(retry.results.map((r) => r.result)).toEqual(applied.map((r) => JSON.parse(String(r.result))));
    expect(retry.lastSeq).toBe(entries.at(-1)!.seq);
    const redeemedAfter = await s.server.db.kysely.selectFrom('vouchers').select(['id', 'redeemed']).where('id', 'in', vouchers.map((v) => v.id)).orderBy('id').execute();
    expect(redeemedAfter).toEqual(redeemedBefore);
    expect(await s.server.db.kysely.selectFrom('redemptions').select('redemption_id').where('terminal_id', '=', w.terminals.a1.id).execute()).toHaveLength(entries.length);
  });

  it('a pull cut short is simply asked again with the same cursor', async () => {
    const start = await viaProxy.pullAll();
    const fresh = await Promise.all(Array.from({ length: 10 }, () => w.issue(w.campaigns.bothStores)));
    proxy.cutAfterBodyBytes = 64;
    await viaProxy.pull(start.cursor).then(
      (res) => expect(res.status === 200 && typeof res.body === 'object').toBe(false),
      () => undefined,
    );
    proxy.cutAfterBodyBytes = null;
    const again = await viaProxy.pull(start.cursor);
    const sent = new Set(again.body.changes.filter((c) => c.kind === 'voucher').map((c) => c.id));
    for (const voucher of fresh) expect(sent.has(voucher.id)).toBe(true);
  });
});
