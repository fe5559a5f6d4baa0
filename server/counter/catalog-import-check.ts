import type { Db } from '../db/database';

/** Ids listed twice in one import: one upsert statement cannot write the same row twice. */
export function duplicateIds(rows: readonly { id: string }[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const { id } of rows) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
}

/** Item categories neither in the import nor already stored: the items' foreign key would refuse them. */
export async function unknownCategoryIds(
  db: Db,
  merchantId: string,
  input: { categories: readonly { id: string }[]; items: readonly { categoryId: string }[] },
): Promise<string[]> {
  const listed = new Set(input.categories.map((c) => c.id));
  const wanted = [...new Set(input.items.map((i) => i.categoryId))].filter((id) => !listed.has(id));
  if (wanted.length === 0) return [];
  const stored = await db.kysely
    .selectFrom('catalog_categories')
    .select('id')
    .where('merchant_id', '=', merchantId)
    .where('id', 'in', wanted)
    .execute();
  const known = new Set(stored.map((r) => r.id));
  return wanted.filter((id) => !known.has(id));
}
