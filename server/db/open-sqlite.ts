import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema';
import { SqliteDatabase } from './sqlite-driver';

export type SqliteSynchronous = 'FULL' | 'NORMAL';

export const SQLITE_FILE_NAME = 'hexiao.sqlite';

export interface SqliteDb {
  kind: 'sqlite';
  kysely: Kysely<Database>;
  /**
   * The same connection Kysely uses. Multi-statement writes at runtime run on it synchronously
   * (better-sqlite3 transactions), because a Kysely transaction awaits between statements and
   * another request's statements would then land inside it on this single connection.
   */
  sqlite: BetterSqlite3.Database;
  file: string;
  close(): Promise<void>;
}

export function openSqlite(dataDir: string, synchronous: SqliteSynchronous = 'FULL'): SqliteDb {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, SQLITE_FILE_NAME);
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${synchronous}`);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    kind: 'sqlite',
    kysely,
    sqlite,
    file,
    // Kysely's SQLite driver closes the better-sqlite3 handle it was given.
    close: () => kysely.destroy(),
  };
}
