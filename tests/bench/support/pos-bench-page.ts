import { findByBarcode, searchCatalog } from '../../../renderer/counter/catalog-search';
import { catalogItem } from '../../../renderer/counter/catalog-rows';
import { POS_DB_NAME, PosDb } from '../../../renderer/db/pos-db';

// Runs inside Chromium on the POS's own origin (bundled by groups/pos.ts): the counter's catalog code on real IndexedDB.

const DISHES = ['宫保鸡丁', '鱼香肉丝', '麻婆豆腐', '红烧肉', '糖醋里脊', '水煮鱼', '回锅肉', '酸辣土豆丝', '西红柿炒蛋', '干煸豆角', '可口可乐', '雪碧', '绿茶', '米饭', '牛肉面', '小笼包'];
const SIZES = ['小份', '中份', '大份', '套餐', '加辣', '微辣', '免辣', '特价'];

function nameOf(i: number): string {
  return `${DISHES[i % DISHES.length]!}${SIZES[Math.floor(i / DISHES.length) % SIZES.length]!}${i}`;
}

export function barcodeOf(i: number): string {
  return `69${String(i).padStart(11, '0')}`;
}

/** Fills the catalog with `rows` items (names, pinyin initials, barcodes) in large bulkPut chunks. */
async function fill(o: { rows: number }) {
  const db = new PosDb(POS_DB_NAME);
  const started = performance.now();
  for (let i = 0; i < o.rows; i += 5_000) {
    const chunk = Array.from({ length: Math.min(5_000, o.rows - i) }, (_, k) =>
      catalogItem({ itemId: `item-${i + k}`, name: nameOf(i + k), barcode: barcodeOf(i + k), priceFen: 100 + ((i + k) % 9_000), categoryId: `c${(i + k) % 20}` }),
    );
    await db.transaction('rw', db.catalogItems, () => db.catalogItems.bulkPut(chunk));
  }
  const seconds = (performance.now() - started) / 1000;
  const count = await db.catalogItems.count();
  db.close();
  return { seconds, count };
}

/** Times look-ups as the counter makes them: half by barcode, half by a name or pinyin prefix. */
async function lookups(o: { rows: number; count: number }) {
  const db = new PosDb(POS_DB_NAME);
  await db.open();
  const prefixes = ['gbjd', 'yx', '宫保', '鱼香肉丝', 'mpdf', '红烧', 'kkkl', '牛肉面', 'xlb', '水煮鱼'];
  const latencies: number[] = [];
  const byBarcode: number[] = [];
  const byName: number[] = [];
  let found = 0;
  for (let n = 0; n < o.count; n++) {
    const started = performance.now();
    if (n % 2 === 0) {
      if (await findByBarcode(db, barcodeOf((n * 7919) % o.rows))) found += 1;
    } else if ((await searchCatalog(db, prefixes[n % prefixes.length]!)).length > 0) found += 1;
    const ms = performance.now() - started;
    latencies.push(ms);
    (n % 2 === 0 ? byBarcode : byName).push(ms);
  }
  db.close();
  return { latencies, byBarcode, byName, found };
}

declare global {
  interface Window {
    hexiaoPosBench: { fill: typeof fill; lookups: typeof lookups };
  }
}

window.hexiaoPosBench = { fill, lookups };
