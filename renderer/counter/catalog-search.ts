import type { CatalogItem } from '../db/counter-tables';
import type { PosDb } from '../db/pos-db';
import { normaliseQuery } from './catalog-terms';

export const SEARCH_LIMIT = 50;

/** One collator for every sort: `localeCompare` with a locale builds a new one per call. */
const byName = new Intl.Collator('zh-CN');

/** A scanned EAN/UPC or an in-store code: digits only, long enough not to be a name prefix. */
export function looksLikeBarcode(text: string): boolean {
  return /^\d{6,14}$/.test(text);
}

/** The item with this barcode, available or not (the screen says which). */
export async function findByBarcode(db: PosDb, barcode: string): Promise<CatalogItem | undefined> {
  return db.catalogItems.where('barcode').equals(barcode.trim()).first();
}

/**
 * Items whose name, a word or tail of it, pinyin initials or barcode start with `query`: one indexed
 * range read on the multi-entry `terms` index, capped, available items first, then by name.
 */
export async function searchCatalog(db: PosDb, query: string, limit = SEARCH_LIMIT): Promise<CatalogItem[]> {
  const q = normaliseQuery(query);
  if (!q) return [];
  // No `distinct()`: it turns the read into a cursor walk; one item seldom matches a prefix twice,
  // so read a little more in one getAll and drop repeats here.
  const read = await db.catalogItems.where('terms').startsWith(q).limit(limit * 2).toArray();
  const seen = new Set<string>();
  const rows = read.filter((item) => !seen.has(item.itemId) && seen.add(item.itemId)).slice(0, limit);
  return rows.sort((a, b) => Number(b.available) - Number(a.available) || byName.compare(a.name, b.name));
}

/** Items of one category, for browsing without typing. */
export async function itemsInCategory(db: PosDb, categoryId: string, limit = SEARCH_LIMIT): Promise<CatalogItem[]> {
  return db.catalogItems.where('categoryId').equals(categoryId).limit(limit).toArray();
}
