import { z } from 'zod';
import type { CatalogCategory, CatalogItem } from '../db/counter-tables';
import { pinyinInitials, searchTerms } from './catalog-terms';

/** A catalog item as the server sends it (initials optional: the terminal derives them). */
export const CatalogItemData = z.object({
  itemId: z.string().min(1),
  name: z.string().min(1),
  barcode: z.string().nullable().default(null),
  priceFen: z.number().int().min(0),
  categoryId: z.string().nullable().default(null),
  available: z.boolean().default(true),
  /** The merchant's switch: an inactive item is not sold anywhere. */
  active: z.boolean().default(true),
  taxFree: z.boolean().default(true),
  pinyinInitials: z.string().optional(),
});
export type CatalogItemData = z.input<typeof CatalogItemData>;

export const CatalogCategoryData = z.object({
  categoryId: z.string().min(1),
  name: z.string(),
  sort: z.number().int().default(0),
});

/** The stored, searchable row for an item. */
export function catalogItem(data: CatalogItemData): CatalogItem {
  const item = CatalogItemData.parse(data);
  const initials = item.pinyinInitials?.toLowerCase() || pinyinInitials(item.name);
  return {
    itemId: item.itemId,
    name: item.name,
    barcode: item.barcode,
    priceFen: item.priceFen,
    categoryId: item.categoryId,
    available: item.available && item.active,
    taxFree: item.taxFree,
    initials,
    terms: searchTerms(item.name, initials, item.barcode),
  };
}

/** A pulled change's data as a stored row, or null when it does not fit. */
export function catalogItemFromChange(data: unknown): CatalogItem | null {
  const parsed = CatalogItemData.safeParse(data);
  return parsed.success ? catalogItem(parsed.data) : null;
}

export function catalogCategoryFromChange(data: unknown): CatalogCategory | null {
  const parsed = CatalogCategoryData.safeParse(data);
  return parsed.success ? parsed.data : null;
}
