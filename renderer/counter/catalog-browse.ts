import { liveQuery, type Subscription } from 'dexie';
import { onUnmounted, ref, shallowRef, watch } from 'vue';
import { posDb } from '../db/instance';
import type { CatalogCategory, CatalogItem } from '../db/counter-tables';
import type { PosDb } from '../db/pos-db';

/** The tab of items with no category, or a category this terminal has not received. */
export const OTHER_TAB = '';
/** Tiles shown per category; a larger category is searched instead. */
export const BROWSE_LIMIT = 200;

const byName = new Intl.Collator('zh-CN');

export interface BrowseTab {
  categoryId: string;
  name: string | null;
}

/** The category tabs in the merchant's order, then "other" when some item has no known category. */
export async function browseTabs(db: PosDb): Promise<BrowseTab[]> {
  const categories = await db.catalogCategories.toArray();
  categories.sort((a: CatalogCategory, b: CatalogCategory) => a.sort - b.sort || byName.compare(a.name, b.name));
  const known = new Set(categories.map((c) => c.categoryId));
  const stray = await db.catalogItems.filter((i) => !i.categoryId || !known.has(i.categoryId)).first();
  const tabs: BrowseTab[] = categories.map((c) => ({ categoryId: c.categoryId, name: c.name }));
  return stray ? [...tabs, { categoryId: OTHER_TAB, name: null }] : tabs;
}

/** One tab's items, available first, then by name; at most `BROWSE_LIMIT`, and how many there are. */
export async function browseItems(db: PosDb, categoryId: string): Promise<{ items: CatalogItem[]; total: number }> {
  let rows: CatalogItem[];
  if (categoryId === OTHER_TAB) {
    const known = new Set(await db.catalogCategories.toCollection().primaryKeys());
    rows = await db.catalogItems.filter((i) => !i.categoryId || !known.has(i.categoryId)).toArray();
  } else {
    rows = await db.catalogItems.where('categoryId').equals(categoryId).toArray();
  }
  rows.sort((a, b) => Number(b.available) - Number(a.available) || byName.compare(a.name, b.name));
  return { items: rows.slice(0, BROWSE_LIMIT), total: rows.length };
}

/**
 * The sell screen's catalog without typing: category tabs and the chosen tab's tiles, following
 * the catalog as the sync brings it (the first tab is chosen once tabs exist).
 */
export function useCatalogBrowse() {
  const tabs = shallowRef<BrowseTab[]>([]);
  const tab = ref<string | null>(null);
  const items = shallowRef<CatalogItem[]>([]);
  const total = ref(0);
  const loaded = ref(false);
  const db = posDb();
  const tabsSub = liveQuery(() => browseTabs(db)).subscribe({
    next: (next) => {
      tabs.value = next;
      if (!next.some((t) => t.categoryId === tab.value)) tab.value = next[0]?.categoryId ?? null;
    },
    error: () => undefined,
  });
  let itemsSub: Subscription | null = null;
  watch(
    tab,
    (chosen) => {
      itemsSub?.unsubscribe();
      itemsSub = null;
      if (chosen === null) return;
      itemsSub = liveQuery(() => browseItems(db, chosen)).subscribe({
        next: (found) => {
          items.value = found.items;
          total.value = found.total;
          loaded.value = true;
        },
        error: () => undefined,
      });
    },
    { immediate: true },
  );
  onUnmounted(() => {
    tabsSub.unsubscribe();
    itemsSub?.unsubscribe();
  });
  return { tabs, tab, items, total, loaded };
}
