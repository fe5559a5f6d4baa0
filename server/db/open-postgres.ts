import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

export interface PostgresDb {
  kind: 'postgres';
  kysely: Kysely<Database>;
  /** The pool Kysely uses; hot paths send named prepared statements through it directly. */
  pool: pg.Pool;
  /** The schema the tables live in: the one asked for, or the connection's current schema. */
  schema: string;
  close(): Promise<void>;
}

export interface PostgresOptions {
  url: string;
  /** Tables live in this schema (created if missing); tests use a fresh one per run. */
  schema?: string;
  poolMax?: number;
}

const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;

// Instants come back as ISO strings and counts as numbers, the same shapes SQLite returns.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === TIMESTAMPTZ_OID) {
      const parseDate = pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text');
      return (value: string) => (parseDate(value) as Date).toISOString();
    }
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export function isSchemaName(name: string): boolean {
  return /^[a-z_][a-z0-9_]{0,62}$/.test(name);
}

export async function openPostgres(options: PostgresOptions): Promise<PostgresDb> {
  const { url, schema, poolMax = 10 } = options;
  if (schema !== undefined && !isSchemaName(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const settings = ['-c TimeZone=UTC', ...(schema ? [`-c search_path=${schema}`] : [])].join(' ');
  const pool = new pg.Pool({ connectionString: url, max: poolMax, options: settings, types });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next checkout.
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(kysely);
    const current = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(kysely);
    const resolved = current.rows[0]?.schema;
    if (!resolved) throw new Error('PostgreSQL has no current schema: check search_path');
    return { kind: 'postgres', kysely, pool, schema: resolved, close: () => kysely.destroy() };
  } catch (error) {
    await kysely.destroy();
    throw error;
  }
}
