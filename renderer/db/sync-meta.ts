import type { PosDb } from './pos-db';
import type { SyncMetaKey, SyncMetaRow, SyncMetaValues } from './sync-tables';

export async function readMeta<K extends SyncMetaKey>(db: PosDb, key: K): Promise<SyncMetaValues[K] | undefined> {
  const row = await db.syncMeta.get(key);
  return row?.value as SyncMetaValues[K] | undefined;
}

export async function writeMeta<K extends SyncMetaKey>(db: PosDb, key: K, value: SyncMetaValues[K]): Promise<void> {
  await db.syncMeta.put({ key, value } as SyncMetaRow);
}

export async function deleteMeta(db: PosDb, key: SyncMetaKey): Promise<void> {
  await db.syncMeta.delete(key);
}

/** Several keys in one read; inside a transaction when called from one. */
export async function readMetas<K extends SyncMetaKey>(db: PosDb, keys: readonly K[]): Promise<Partial<Pick<SyncMetaValues, K>>> {
  const rows = await db.syncMeta.bulkGet([...keys]);
  const out: Partial<Pick<SyncMetaValues, K>> = {};
  for (const row of rows) if (row) (out as Record<string, unknown>)[row.key] = row.value;
  return out;
}
