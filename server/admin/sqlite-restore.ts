import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrateDatabase } from '../db/database';
import { openSqlite, SQLITE_FILE_NAME } from '../db/open-sqlite';
import { afterRestore, type AfterRestoreReport } from './after-restore';
import { checkSqliteBackup, type BackupSummary } from './sqlite-backup';

export interface RestoreReport {
  backup: BackupSummary;
  /** Where the database that was in place went (with its -wal and -shm), or null when there was none. */
  keptAside: string | null;
  sync: AfterRestoreReport;
  /** Migrations of this version the backup did not have yet, applied now. */
  migrated: string[];
}

/**
 * Puts a checked backup in place as the data folder's database, with the server stopped: the
 * current file (and its write-ahead log) is renamed aside, never deleted; the backup is brought up
 * to this version's migrations and the tills' sync state is rebased (see afterRestore).
 */
export async function restoreSqlite(backupFile: string, dataDir: string, now = new Date()): Promise<RestoreReport> {
  const backup = checkSqliteBackup(backupFile);
  mkdirSync(dataDir, { recursive: true });
  const live = join(dataDir, SQLITE_FILE_NAME);
  let keptAside: string | null = null;
  if (existsSync(live)) {
    keptAside = `${live}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(live + suffix)) renameSync(live + suffix, keptAside + suffix);
  }
  const incoming = `${live}.restoring-${process.pid}`;
  copyFileSync(backupFile, incoming);
  renameSync(incoming, live);
  rmSync(`${live}-wal`, { force: true });
  rmSync(`${live}-shm`, { force: true });
  const db = openSqlite(dataDir);
  try {
    const migrated = await migrateDatabase(db);
    const sync = await afterRestore(db, now);
    return { backup, keptAside, sync, migrated };
  } finally {
    await db.close();
  }
}
