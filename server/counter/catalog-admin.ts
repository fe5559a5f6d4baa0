import { pinyin } from 'pinyin-pro';
import { isFen } from '../../core/money';
import type { Db } from '../db/database';
import { newId } from '../security/ids';
import { inTransaction } from '../sync/sql/run-steps';
import { q, type Steps } from '../sync/sql/steps';

export interface CategoryInput {
  id?: string;
  name: string;
  sort?: number;
}

export interface ItemInput {
  id?: string;
  categoryId: string;
  name: string;
  barcode?: string | null;
  priceFen: number;
  taxFree?: boolean;
  active?: boolean;
}

/** Lower-case first letters of the pinyin of each character (招牌红烧肉 → zphsr); letters and digits pass through. */
export function pinyinInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const CHUNK = 200;

/** Creates or replaces categories and items in one transaction (multi-row upserts, so 100,000 items stay quick). */
export async function importCatalog(db: Db, merchantId: string, input: { categories?: CategoryInput[]; items?: ItemInput[] }, now = new Date()) {
  const at = now.toISOString();
  const categories = (input.categories ?? []).map((c) => ({ ...c, id: c.id ?? newId() }));
  const items = (input.items ?? []).map((i) => {
    if (!isFen(i.priceFen) || i.priceFen < 0) throw new RangeError(`item ${i.name}: price must be whole fen`);
    return { ...i, id: i.id ?? newId() };
  });
  await inTransaction(db, function* (): Steps<void> {
    for (let i = 0; i < categories.length; i += CHUNK) {
      const chunk = categories.slice(i, i + CHUNK);
      yield q(
        `INSERT INTO catalog_categories (merchant_id, id, name, sort, updated_at) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}
         ON CONFLICT (merchant_id, id) DO UPDATE SET name = excluded.name, sort = excluded.sort, updated_at = excluded.updated_at`,
        chunk.flatMap((c) => [merchantId, c.id, c.name, c.sort ?? 0, at]),
      );
    }
    for (let i = 0; i < items.length; i += CHUNK) {
      const chunk = items.slice(i, i + CHUNK);
      yield q(
        `INSERT INTO catalog_items (merchant_id, id, category_id, name, pinyin_initials, barcode, price_fen, tax_free, active, updated_at)
         VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
         ON CONFLICT (merchant_id, id) DO UPDATE SET category_id = excluded.category_id, name = excluded.name, pinyin_initials = excluded.pinyin_initials,
           barcode = excluded.barcode, price_fen = excluded.price_fen, tax_free = excluded.tax_free, active = excluded.active, updated_at = excluded.updated_at`,
        chunk.flatMap((it) => [merchantId, it.id, it.categoryId, it.name, pinyinInitials(it.name), it.barcode ?? null, it.priceFen,
          it.taxFree === false ? 0 : 1, it.active === false ? 0 : 1, at]),
      );
    }
  });
  return { categories, items };
}

/** Whether a store sells an item (no row: it does). */
export async function setItemAvailability(db: Db, merchantId: string, itemId: string, storeId: string, available: boolean): Promise<void> {
  await inTransaction(db, function* (): Steps<void> {
    yield q(
      `INSERT INTO catalog_item_stores (merchant_id, item_id, store_id, available) VALUES (?, ?, ?, ?)
       ON CONFLICT (merchant_id, item_id, store_id) DO UPDATE SET available = excluded.available`,
      [merchantId, itemId, storeId, available ? 1 : 0],
    );
  });
}
