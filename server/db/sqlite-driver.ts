import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * Which better-sqlite3 build the server loads. Both have the same API.
 * - `better-sqlite3` 12 is compiled against one Node's headers and subclasses `node::ObjectWrap`.
 *   From Node 24 that class registers an environment cleanup hook per object and removes it in its
 *   destructor, which asserts that the isolate has a current Environment: a garbage-collected
 *   statement then aborts the process (`RemoveEnvironmentCleanupHook … (env) != nullptr`).
 * - `better-sqlite3-napi` (better-sqlite3 13 under an alias, an optional dependency) is built on
 *   Node-API, which has no such hook; its engines say Node ≥ 22 and it crashes on Node 20, so npm
 *   installs it only where it runs.
 */
export type SqliteBuild = 'better-sqlite3' | 'better-sqlite3-napi';

/** The first Node major the Node-API build runs on (its `engines.node`). */
export const NODE_API_BUILD_FROM_MAJOR = 22;

export function sqliteBuildFor(nodeVersion: string): SqliteBuild {
  const major = Number(/^v?(\d+)\./.exec(nodeVersion)?.[1]);
  if (!Number.isInteger(major)) throw new Error(`cannot read the Node version "${nodeVersion}"`);
  return major >= NODE_API_BUILD_FROM_MAJOR ? 'better-sqlite3-napi' : 'better-sqlite3';
}

export const SQLITE_BUILD: SqliteBuild = sqliteBuildFor(process.versions.node);

function load(build: SqliteBuild): typeof BetterSqlite3 {
  try {
    return createRequire(import.meta.url)(build) as typeof BetterSqlite3;
  } catch (error) {
    const missing = (error as { code?: unknown }).code === 'MODULE_NOT_FOUND';
    if (!missing) throw error;
    throw new Error(`${build} is not installed for Node ${process.versions.node}: run npm install with this Node`, { cause: error });
  }
}

/** The better-sqlite3 `Database` class for the running Node. */
export const SqliteDatabase: typeof BetterSqlite3 = load(SQLITE_BUILD);
