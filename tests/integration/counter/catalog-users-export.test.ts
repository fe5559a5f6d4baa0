import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogItemRow, MemberRow, TerminalUserRow, type Change } from '../../../core/sync';
import { importCatalog, setItemAvailability } from '../../../server/counter/catalog-admin';
import { addTerminalUser } from '../../../server/counter/terminal-users';
import { BACKENDS } from '../../support/server/backends';
import { buildSyncWorld, signIn, startSyncServer, OWNER_PASSWORD, type SyncServer, type SyncWorld } from '../sync/support/sync-world';
import { enrol, send } from './support/counter-entries';

describe.each(BACKENDS)('counter: catalog and users by sync, PIN lockout, member export (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
  });
  afterAll(async () => {
    await s?.stop();
  });

  // Pull is at-least-once: on PostgreSQL the watermark is the cluster's oldest open transaction, so a
  // row written just before a snapshot can come again in the tail. A mirror keeps the last of each.
  const mirrored = (changes: Change[]) => [...new Map(changes.map((c) => [`${c.kind}:${c.id}`, c])).values()];

  it('lists the catalog, members and the store’s users in the first sync, and their changes in the tail', async () => {
    await importCatalog(s.server.db, w.merchant.id, {
      categories: [{ id: 'hot', name: '热菜', sort: 1 }],
      items: [
        { id: 'hsr', categoryId: 'hot', name: '招牌红烧肉', barcode: '6901234567892', priceFen: 6800 },
        { id: 'gone', categoryId: 'hot', name: '停售菜', priceFen: 100, active: false },
      ],
    });
    const cashier = await addTerminalUser(s.server.db, w.merchant.id, { storeId: w.stores.a.id, name: '小王', role: 'cashier', pin: '1357' });
    await send(w.b1, 'member.enrol@1', enrol('13600003333', '钱'));

    const first = await w.a1.pullAll();
    const of = (k: string) => mirrored(first.changes).filter((c) => c.kind === k);
    expect(of('catalog_category').map((c) => c.data)).toEqual([{ categoryId: 'hot', name: '热菜', sort: 1 }]);
    expect(of('catalog_item').map((c) => CatalogItemRow.parse(c.data))).toEqual([
      { itemId: 'hsr', categoryId: 'hot', name: '招牌红烧肉', initials: 'zphsr', barcode: '6901234567892', priceFen: 6800, taxFree: true, available: true },
    ]);
    expect(of('member').map((c) => MemberRow.parse(c.data))).toMatchObject([{ phone: '+8613600003333', name: '钱', points: 0 }]);
    expect(of('terminal_user').map((c) => TerminalUserRow.parse(c.data))).toMatchObject([{ userId: cashier.id, name: '小王', role: 'cashier' }]);
    const progress = first.pages.filter((p) => p.progress !== null).at(-1)?.progress;
    expect(progress && progress.done).toBe(progress?.total);
    expect((await w.b1.pullAll()).changes.filter((c) => c.kind === 'terminal_user')).toEqual([]);

    await importCatalog(s.server.db, w.merchant.id, { items: [{ id: 'hsr', categoryId: 'hot', name: '招牌红烧肉', barcode: '6901234567892', priceFen: 7200 }] });
    await setItemAvailability(s.server.db, w.merchant.id, 'hsr', w.stores.a.id, false);
    const tail = await w.a1.pullAll(first.cursor);
    expect(mirrored(tail.changes).filter((c) => c.kind === 'catalog_item').map((c) => c.data)).toMatchObject([{ itemId: 'hsr', priceFen: 7200, available: false }]);
  });

  it('lets the owner set the counter settings; a manager reads them, and a stricter PIN rule applies at once', async () => {
    const settings = { discount: { managerPinAboveFen: 1000 }, points: { earnFenPerPoint: 200, redeemFenPerPoint: 2 }, restoreVoucherOnRefund: false, pinMaxFailures: 5, pinLockMinutes: 15, sharedCounterUser: true };
    expect((await w.merchantClient.request('PUT', '/merchant/counter-settings', JSON.stringify(settings), 'application/json')).status).toBe(200);
    // It travels to the terminals like the other counter settings.
    expect(mirrored((await w.a1.pullAll()).changes).filter((c) => c.kind === 'counter_settings').map((c) => c.data)).toMatchObject([{ sharedCounterUser: true }]);
    const managerClient = await signIn(s.server, w.manager.login, OWNER_PASSWORD);
    expect((await managerClient.get('/merchant/counter-settings')).body).toEqual(settings);
    expect((await managerClient.request('PUT', '/merchant/counter-settings', JSON.stringify(settings), 'application/json')).status).toBe(403);
    const bad = await w.merchantClient.request('PUT', '/merchant/counter-settings', JSON.stringify({ ...settings, pinMaxFailures: 0 }), 'application/json');
    expect(bad.status).toBe(400);
  });

  it('locks a user out after repeated wrong PINs, even for the right PIN, and says so', async () => {
    const manager = await addTerminalUser(s.server.db, w.merchant.id, { storeId: w.stores.a.id, name: '李店长', role: 'manager', pin: '8642' });
    const check = (pin: string) => w.a1.client.post<{ user?: { role: string }; error?: { code: string } }>('/terminal/pin-check', { userId: manager.id, pin });
    expect(await check('8642')).toMatchObject({ status: 200, body: { user: { role: 'manager' } } });
    for (let i = 0; i < 4; i++) expect((await check('0000')).body.error?.code).toBe('PIN_INVALID');
    expect((await check('0000')).body.error?.code).toBe('PIN_LOCKED');
    expect(await check('8642')).toMatchObject({ status: 429, body: { error: { code: 'PIN_LOCKED' } } });
    s.clock.advance(16 * 60_000);
    expect((await check('8642')).status).toBe(200);
    // Another store's terminal cannot check this store's users.
    expect((await w.b1.client.post<{ error?: { code: string } }>('/terminal/pin-check', { userId: manager.id, pin: '8642' })).body.error?.code).toBe('PIN_INVALID');
    // A manager user approves like any store manager.
    expect((await w.a1.pullAll()).changes.find((c) => c.kind === 'store_policy')?.data).toMatchObject({ managers: expect.arrayContaining([expect.objectContaining({ managerId: manager.id })]) });
  });

  it('exports members as CSV with full phones for owners and masked phones for managers', async () => {
    await send(w.a1, 'member.enrol@1', enrol('13500004444', '孙,"小"'));
    const owner = await fetch(`${s.server.url}/api/v1/merchant/members.csv`, { headers: { authorization: `Bearer ${w.merchantClient.token}` } });
    expect(owner.headers.get('content-type')).toContain('text/csv');
    const ownerCsv = await owner.text();
    expect(ownerCsv).toContain('13500004444');
    expect(ownerCsv).toContain('"孙,""小"""');
    const managerClient = await signIn(s.server, w.manager.login, OWNER_PASSWORD);
    const managerCsv = await (await fetch(`${s.server.url}/api/v1/merchant/members.csv`, { headers: { authorization: `Bearer ${managerClient.token}` } })).text();
    expect(managerCsv).toContain('135****4444');
    expect(managerCsv).not.toContain('13500004444');
    expect(managerCsv.split('\r\n').filter((l) => l !== '').length).toBe(ownerCsv.split('\r\n').filter((l) => l !== '').length);
  });
});
