import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** What a backup or a backup check found. */
export interface BackupSummary {
  file: string;
  bytes: number;
  migrations: number;
  lastMigration: string | null;
}

/** A backup that cannot be made or used (the message says why); nothing was written. */
export class BackupRefused extends Error {}

/**
 * Copies the live SQLite database to `target` with SQLite's online backup API, from a connection
 * of its own: the server keeps serving and writing. The copy is taken in one backup step, so it is
 * one consistent snapshot (a write in between would otherwise restart it), then checked
 * (integrity_check, the migrations ledger) and renamed into place: `target` holds a whole,
 * checked backup or does not exist.
 */
export async function backupSqlite(sourceFile: string, target: string): Promise<BackupSummary> {
  const destination = resolve(target);
  if (!existsSync(sourceFile)) throw new BackupRefused(`no SQLite database at ${sourceFile} (set HEXIAO_DATA_DIR)`);
  if (existsSync(destination)) throw new BackupRefused(`${destination} exists: give a new file name`);
  if (!existsSync(dirname(destination))) throw new BackupRefused(`the folder ${dirname(destination)} does not exist`);
  const partial = `${destination}.partial-${process.pid}`;
  const source = new BetterSqlite3(sourceFile, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // The first step only measures; every page then goes in the second, under one read snapshot.
    await source.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
  try {
    const summary = checkSqliteBackup(partial, { standalone: true });
    renameSync(partial, destination);
    return { ...summary, file: destination };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Opens a backup and checks it is a whole Hexiao database. `standalone` turns its journal to
 * DELETE, so the backup is one self-contained file (the server turns WAL back on when it opens it).
 */
export function checkSqliteBackup(file: string, options: { standalone?: boolean } = {}): BackupSummary {
  if (!existsSync(file)) throw new BackupRefused(`no file at ${file}`);
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { readonly: !options.standalone, fileMustExist: true });
  } catch (error) {
    throw new BackupRefused(`${file} is not an SQLite database: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    if (options.standalone) db.pragma('journal_mode = DELETE');
    const integrity = readOrRefuse(file, () => db.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') throw new BackupRefused(`${file} fails SQLite's integrity check: ${String(integrity)}`);
    const names = readOrRefuse(file, () => db.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all() as string[]);
    if (names.length === 0) throw new BackupRefused(`${file} holds no Hexiao migrations`);
    return { file, bytes: statSync(file).size, migrations: names.length, lastMigration: names.at(-1) ?? null };
  } finally {
    db.close();
  }
}

function readOrRefuse<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new BackupRefused(`${file} is not a Hexiao database: ${error instanceof Error ? error.message : String(error)}`);
  }
}
