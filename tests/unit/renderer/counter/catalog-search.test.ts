import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { findByBarcode, looksLikeBarcode, searchCatalog } from '../../../../renderer/counter/catalog-search';
import { catalogItem } from '../../../../renderer/counter/catalog-rows';
import { normaliseQuery, pinyinInitials } from '../../../../renderer/counter/catalog-terms';
import { PosDb } from '../../../../renderer/db/pos-db';

const open: PosDb[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

async function catalog() {
  const db = new PosDb(`catalog-${crypto.randomUUID()}`);
  open.push(db);
  await db.catalogItems.bulkPut([
    catalogItem({ itemId: 'a', name: '宫保鸡丁', barcode: '6901234567892', priceFen: 3800, categoryId: 'hot', available: true }),
    catalogItem({ itemId: 'b', name: '可口可乐 330ml', barcode: '6928804011173', priceFen: 500, categoryId: 'drink', available: true }),
    catalogItem({ itemId: 'c', name: '鱼香肉丝', barcode: null, priceFen: 3200, categoryId: 'hot', available: false }),
    catalogItem({ itemId: 'd', name: 'Green Tea', barcode: null, priceFen: 800, categoryId: 'drink', available: true }),
  ]);
  return db;
}

describe('catalog search', () => {
  it('derives pinyin initials and folds full-width input', () => {
    expect(pinyinInitials('宫保鸡丁')).toBe('gbjd');
    expect(pinyinInitials('可口可乐 330ml')).toBe('kkkl330ml');
    expect(normaliseQuery(' ＧＢＪＤ ')).toBe('gbjd');
  });

  it('finds by pinyin initials, a name prefix, a tail of a Chinese name, an English word and a barcode', async () => {
    const db = await catalog();
    expect((await searchCatalog(db, 'gb')).map((i) => i.itemId)).toEqual(['a']);
    expect((await searchCatalog(db, '可口')).map((i) => i.itemId)).toEqual(['b']);
    expect((await searchCatalog(db, '鸡丁')).map((i) => i.itemId)).toEqual(['a']);
    expect((await searchCatalog(db, 'tea')).map((i) => i.itemId)).toEqual(['d']);
    expect((await findByBarcode(db, '6928804011173'))?.itemId).toBe('b');
    expect(await findByBarcode(db, '0000000000000')).toBeUndefined();
    expect(await searchCatalog(db, '   ')).toEqual([]);
  });

  it('lists available items first', async () => {
    const db = await catalog();
    await db.catalogItems.put(catalogItem({ itemId: 'e', name: '鱼香茄子', barcode: null, priceFen: 2800, categoryId: 'hot', available: true }));
    expect((await searchCatalog(db, 'yx')).map((i) => i.itemId)).toEqual(['e', 'c']);
  });

  it('tells a scanned barcode from a typed name', () => {
    expect(looksLikeBarcode('6901234567892')).toBe(true);
    expect(looksLikeBarcode('gbjd')).toBe(false);
    expect(looksLikeBarcode('12')).toBe(false);
  });
});
