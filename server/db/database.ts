import { migrateToLatest } from './migrate';
import { openPostgres, type PostgresDb } from './open-postgres';
import { openSqlite, type SqliteDb, type SqliteSynchronous } from './open-sqlite';

export type { DbKind } from './db-kind';
export type { PostgresDb } from './open-postgres';
export type { SqliteDb, SqliteSynchronous } from './open-sqlite';

/** The server's database: Kysely for most queries, plus the raw driver for hand-written hot paths. */
export type Db = SqliteDb | PostgresDb;

export interface OpenDatabaseOptions {
  /** PostgreSQL when set; the SQLite file in `dataDir` otherwise. */
  databaseUrl?: string | undefined;
  dataDir: string;
  pgSchema?: string | undefined;
  pgPoolMax?: number | undefined;
  sqliteSynchronous?: SqliteSynchronous | undefined;
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Db> {
  const db: Db = options.databaseUrl
    ? await openPostgres({ url: options.databaseUrl, schema: options.pgSchema, poolMax: options.pgPoolMax })
    : openSqlite(options.dataDir, options.sqliteSynchronous);
  try {
    await migrateDatabase(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** Applies pending migrations to an open database; returns the names of those applied. */
export function migrateDatabase(db: Db): Promise<string[]> {
  return migrateToLatest(db.kysely, db.kind, db.kind === 'postgres' ? db.schema : undefined);
}
