import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVoucherCode } from '../../../core/voucher-code';
import { checkTerminalPin } from '../../../server/counter/terminal-users';
import { demoBanner } from '../../../server/demo/demo-banner';
import { BACKENDS } from '../../support/server/backends';
import { startSyncServer, type SyncServer } from '../sync/support/sync-world';

describe.each(BACKENDS)('the demo banner npm start prints (%s)', (kind) => {
  let s: SyncServer;

  beforeAll(async () => {
    s = await startSyncServer(kind, { demo: true });
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('shows the voucher codes and, per store, the cashier and manager PINs, each of which signs in there', async () => {
    const demo = s.server.demo;
    if (!demo) throw new Error('no demo info');
    const banner = demoBanner(demo);
    for (const v of demo.vouchers) expect(banner).toContain(formatVoucherCode(v.code));
    const stores = new Map((await s.server.db.kysely.selectFrom('stores').select(['id', 'name']).where('merchant_id', '=', demo.merchant.id).execute()).map((r) => [r.name, r.id]));
    const shown = [...banner.matchAll(/^ {4}(\S+) {2}(.+)$/gm)].filter(([, , who]) => who!.includes(' PIN '));
    expect(shown.map(([, store]) => store).sort()).toEqual([...stores.keys()].sort());
    for (const [, store, who] of shown) {
      const people = [...who!.matchAll(/(\S+) PIN (\d{4,6}) \((收银员 cashier|店长 manager)\)/g)];
      expect(people.map((p) => p[3])).toEqual(['收银员 cashier', '店长 manager']);
      for (const [, name, pin] of people) {
        const user = demo.counterUsers!.find((u) => u.storeName === store && u.name === name)!;
        expect(await checkTerminalPin(s.server.db, demo.merchant.id, stores.get(store!)!, user.userId, pin!)).toMatchObject({ ok: true });
      }
    }
  });
});
