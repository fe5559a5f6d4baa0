import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalog, type ItemInput } from '../../../server/counter/catalog-admin';
import { BACKENDS } from '../../support/server/backends';
import { buildSyncWorld, startSyncServer, type SyncServer, type SyncWorld } from '../sync/support/sync-world';

const ITEMS = 100_000;
const NAMES = ['红烧肉', '宫保鸡丁', '鱼香肉丝', '麻婆豆腐', '酸梅汤', '扬州炒饭', '小笼包', '水煮牛肉'];

describe.each(BACKENDS)('a 100,000-item catalog by sync (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
    const items: ItemInput[] = Array.from({ length: ITEMS }, (_, i) => ({
      id: `item-${String(i).padStart(6, '0')}`,
      categoryId: `cat-${i % 20}`,
      name: `${NAMES[i % NAMES.length] ?? ''} ${i}`,
      barcode: String(6_900_000_000_000 + i),
      priceFen: 100 + (i % 9000),
    }));
    const categories = Array.from({ length: 20 }, (_, i) => ({ id: `cat-${i}`, name: `分类 ${i}`, sort: i }));
    const started = performance.now();
    await importCatalog(s.server.db, w.merchant.id, { categories, items });
    console.info(`${kind}: imported ${ITEMS} items in ${Math.round(performance.now() - started)} ms`);
  }, 300_000);
  afterAll(async () => {
    await s?.stop();
  });

  it('pages the whole catalog in the first sync, each item once, with progress to the end', async () => {
    // The import kept the connection idle past the server's keep-alive: a request on the stale socket may be cut.
    await w.a1.pull(undefined, 1).catch(() => undefined);
    const started = performance.now();
    const pulled = await w.a1.pullAll(undefined, 5000);
    console.info(`${kind}: first sync of ${pulled.changes.length} changes in ${pulled.pages.length} pages, ${Math.round(performance.now() - started)} ms`);
    const items = pulled.changes.filter((c) => c.kind === 'catalog_item');
    expect(items).toHaveLength(ITEMS);
    expect(new Set(items.map((c) => c.id)).size).toBe(ITEMS);
    expect(pulled.pages.filter((p) => p.snapshot).every((p) => p.changes.length <= 5000)).toBe(true);
    const last = pulled.pages.filter((p) => p.progress !== null).at(-1)?.progress;
    expect(last?.done).toBe(last?.total);
  }, 300_000);
});
