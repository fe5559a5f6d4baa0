import type { PosDb, SettingKey, SettingRow, SettingValues } from './pos-db';

export async function readSetting<K extends SettingKey>(db: PosDb, key: K): Promise<SettingValues[K] | undefined> {
  const row = await db.settings.get(key);
  return row?.value as SettingValues[K] | undefined;
}

export async function writeSetting<K extends SettingKey>(db: PosDb, key: K, value: SettingValues[K]): Promise<void> {
  await db.settings.put({ key, value } as SettingRow);
}

export async function deleteSetting(db: PosDb, key: SettingKey): Promise<void> {
  await db.settings.delete(key);
}
