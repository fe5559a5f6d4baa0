import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTerminalPin } from '../../../server/counter/terminal-users';
import { BACKENDS } from '../../support/server/backends';
import { startSyncServer, type SyncServer } from '../sync/support/sync-world';
import { query } from './support/counter-entries';

describe.each(BACKENDS)('demo counter data (%s)', (kind) => {
  let s: SyncServer;

  beforeAll(async () => {
    s = await startSyncServer(kind, { demo: true });
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('seeds a restaurant catalog, a cashier and a manager per store with working PINs, and the points rule', async () => {
    const demo = s.server.demo;
    if (!demo) throw new Error('no demo info');
    const items = await query(s.server.db, `SELECT name, price_fen, barcode, pinyin_initials FROM catalog_items WHERE merchant_id = ? ORDER BY id`, [demo.merchant.id]);
    expect(items).toHaveLength(30);
    expect(items[0]).toMatchObject({ name: '招牌红烧肉', pinyin_initials: 'zphsr', barcode: expect.stringMatching(/^\d{13}$/) });
    expect(Number(items[0]?.['price_fen'])).toBe(6800);
    expect(await query(s.server.db, `SELECT id FROM catalog_categories WHERE merchant_id = ?`, [demo.merchant.id])).toHaveLength(5);
    const users = demo.counterUsers ?? [];
    expect(users.map((u) => [u.storeName, u.name, u.role])).toEqual(expect.arrayContaining([[demo.store.name, '小王', 'cashier'], [demo.store.name, '李店长', 'manager']]));
    expect(users).toHaveLength(4);
    const manager = users.find((u) => u.storeName === demo.store.name && u.role === 'manager');
    expect(await checkTerminalPin(s.server.db, demo.merchant.id, demo.store.id, manager?.userId ?? '', manager?.pin ?? '')).toMatchObject({ ok: true });
    const [settings] = await query(s.server.db, `SELECT earn_fen_per_point FROM counter_settings WHERE merchant_id = ?`, [demo.merchant.id]);
    expect(Number(settings?.['earn_fen_per_point'])).toBe(100);
  });
});
