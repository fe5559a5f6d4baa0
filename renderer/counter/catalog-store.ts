import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { CatalogItem } from '../db/counter-tables';
import { posDb } from '../db/instance';
import { useScanSoundStore } from '../hardware/scan-sound-store';
import { findByBarcode, looksLikeBarcode, searchCatalog } from './catalog-search';
import { useCartStore } from './cart-store';

/** The search box: results follow each keystroke (an older, slower answer never overwrites a newer one). */
export const useCatalogStore = defineStore('counterCatalog', () => {
  const query = ref('');
  const results = shallowRef<CatalogItem[]>([]);
  const highlighted = ref(0);
  const unknownBarcode = ref<string | null>(null);
  let asked = 0;

  async function search(text: string): Promise<void> {
    query.value = text;
    unknownBarcode.value = null;
    const mine = ++asked;
    const found = await searchCatalog(posDb(), text);
    if (mine !== asked) return;
    results.value = found;
    highlighted.value = 0;
  }

  /** Enter: a barcode adds its item at once; otherwise the highlighted result goes on the bill. */
  async function enter(): Promise<void> {
    const text = query.value.trim();
    if (looksLikeBarcode(text)) {
      const item = await findByBarcode(posDb(), text);
      useScanSoundStore().play(item?.available ? 'accepted' : 'refused');
      if (item?.available) {
        useCartStore().addItem(item);
        return clear();
      }
      if (!item) {
        unknownBarcode.value = text;
        return;
      }
    }
    const item = results.value[highlighted.value];
    if (item?.available) {
      useCartStore().addItem(item);
      clear();
    }
  }

  function pick(item: CatalogItem): void {
    if (!item.available) return;
    useCartStore().addItem(item);
    clear();
  }

  function move(delta: number): void {
    if (results.value.length === 0) return;
    highlighted.value = Math.max(0, Math.min(results.value.length - 1, highlighted.value + delta));
  }

  function clear(): void {
    asked += 1;
    query.value = '';
    results.value = [];
    highlighted.value = 0;
  }

  return { query, results, highlighted, unknownBarcode, search, enter, pick, move, clear };
});
