import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../server/db/database';
import { dropSchema, type BackendKind } from '../../support/server/backends';
import { runServerCli, waitForListening, type CliRun } from '../../support/server/cli';

/**
 * The server as a real process (`tsx server/main.ts`) on its own data directory or PostgreSQL
 * schema, to be killed with SIGKILL and started again on the same data; the test reads the data
 * through its own connection.
 */
export function killableServer(kind: BackendKind, extraEnv: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'hexiao-fault-'));
  const schema = `hexiao_fault_${process.pid}_${randomBytes(3).toString('hex')}`;
  const pgUrl = process.env.TEST_PG_URL;
  const onPostgres = kind === 'postgres' && pgUrl !== undefined;
  const env: Record<string, string> = { HEXIAO_DATA_DIR: dataDir, PORT: '0', HEXIAO_DEMO: '0', LOG_LEVEL: 'info', ...extraEnv };
  if (onPostgres) Object.assign(env, { DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema });
  let db: Db | undefined;
  let run: CliRun | undefined;

  return {
    /** The same database the server uses. */
    openDb: async (): Promise<Db> => (db = await openDatabase(onPostgres ? { dataDir, databaseUrl: pgUrl, pgSchema: schema } : { dataDir })),
    /** Starts the process and answers its URL once it listens. */
    start: (): Promise<string> => {
      run = runServerCli(env);
      return waitForListening(run);
    },
    kill: async (): Promise<void> => {
      if (!run || run.child.exitCode !== null) return;
      run.child.kill('SIGKILL');
      await run.exited;
    },
    /** For afterAll: kills what still runs, closes the connection, drops the data. */
    async cleanup(): Promise<void> {
      await this.kill();
      await db?.close();
      if (onPostgres) await dropSchema(pgUrl, schema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
