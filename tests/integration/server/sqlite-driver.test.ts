import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sqliteBuildFor } from '../../../server/db/sqlite-driver';
import { REPO_ROOT } from '../../support/server/cli';

describe('the better-sqlite3 build', () => {
  it('is the Node-API one from Node 22 on, the Node-specific one before', () => {
    expect(['20.19.0', 'v20.20.2', '21.7.3', '22.0.0', '24.21.0', 'v26.1.0'].map(sqliteBuildFor)).toEqual([
      'better-sqlite3',
      'better-sqlite3',
      'better-sqlite3',
      'better-sqlite3-napi',
      'better-sqlite3-napi',
      'better-sqlite3-napi',
    ]);
    expect(() => sqliteBuildFor('next')).toThrow(/cannot read/);
  });

  it('survives the garbage collection of thousands of dropped statements on this Node', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'tests/support/server/sqlite-statement-churn.ts'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect({ status: child.status, signal: child.signal, stderr: child.stderr }).toEqual({ status: 0, signal: null, stderr: '' });
    expect(JSON.parse(child.stdout)).toEqual({ build: sqliteBuildFor(process.versions.node), rows: 5000, kept: 500_000 });
  });
});
