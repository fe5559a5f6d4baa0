import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { StartServerOptions } from '../../../server/server';

export type BackendKind = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL too when TEST_PG_URL is set (CI sets it). */
export const BACKENDS: BackendKind[] = process.env.TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** A fresh, private database for one test file: a temp directory, plus a schema on PostgreSQL. */
export interface TestBackend {
  kind: BackendKind;
  dataDir: string;
  /** Options for `startServer` that point at this database (no port, no demo choice). */
  options: Pick<StartServerOptions, 'dataDir' | 'databaseUrl' | 'pgSchema'>;
  cleanup(): Promise<void>;
}

export function createBackend(kind: BackendKind, pgUrl = process.env.TEST_PG_URL): TestBackend {
  const dataDir = mkdtempSync(join(tmpdir(), 'hexiao-server-test-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (kind === 'sqlite') {
    return { kind, dataDir, options: { dataDir }, cleanup: async () => removeDir() };
  }
  const url = pgUrl;
  if (!url) throw new Error('no PostgreSQL URL: set TEST_PG_URL');
  const schema = `hexiao_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    kind,
    dataDir,
    options: { dataDir, databaseUrl: url, pgSchema: schema },
    cleanup: async () => {
      await dropSchema(url, schema);
      removeDir();
    },
  };
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
