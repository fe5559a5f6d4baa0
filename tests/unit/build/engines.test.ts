import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqliteBuildFor } from '../../../server/db/sqlite-driver';
import { nodeRangeAccepts } from '../../support/node-range';

// package.json says Node ≥ 20.19; Electron 40 and today's Node LTS are 24 (CI runs the unit and
// SQLite tests on both, so the running Node is checked too). A dependency whose `engines.node`
// leaves out one of them breaks `npm install` for someone (engine-strict) or warns.
const NODES = [...new Set(['20.19.0', '24.0.0', process.versions.node])];
const ROOT = join(import.meta.dirname, '../../..');

interface Manifest {
  optionalDependencies?: Record<string, string>;
  packages: Record<string, { engines?: { node?: string } }>;
}
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Manifest;
// Our optional dependencies may refuse a Node: npm skips them there, engine-strict or not.
const OPTIONAL = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest).optionalDependencies ?? {});

/** Every installed package (scoped ones and nested `node_modules` too) that declares `engines.node`. */
function installedEngines(dir: string, found: { name: string; path: string; range: string }[] = []) {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (entry.startsWith('@')) {
      installedEngines(path, found);
      continue;
    }
    const manifest = join(path, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string; engines?: { node?: unknown } };
      if (typeof pkg.engines?.node === 'string') found.push({ name: `${pkg.name}@${pkg.version}`, path, range: pkg.engines.node });
    }
    installedEngines(join(path, 'node_modules'), found);
  }
  return found;
}

describe('the Node range check', () => {
  it('reads the forms npm packages declare', () => {
    const cases: [string, string, boolean][] = [
      ['>=20.19.0', '20.19.0', true],
      ['>=20.19.0', '20.18.3', false],
      ['>= 10.4.0', '24.0.0', true],
      ['>= 24.0.0', '20.19.0', false], // @zxing/library 0.23.0
      ['>=22', '20.19.0', false], // @vueuse/core 15
      ['^20.19.0 || >=22.12.0', '24.0.0', true],
      ['^20.19.0 || >=22.12.0', '21.0.0', false],
      ['^20.0.0 || ^22.0.0 || >=24.0.0', '23.1.0', false],
      ['20.x || 22.x || 23.x || 24.x || 25.x || 26.x', '24.0.0', true],
      ['20.x || 22.x', '24.0.0', false],
      ['6.* || 8.* || >= 10.*', '20.19.0', true],
      ['>=6 <7 || >=8', '7.5.0', false],
      ['18 || 20 || >=22', '21.9.0', false],
      ['18 || 20 || >=22', '20.19.0', true],
      ['^18.18.0 || ^20.9.0 || >=21.1.0', '20.8.0', false],
      ['~20.19', '20.20.0', false],
      ['~20.19', '20.19.5', true],
      ['^0.10.0', '0.11.0', false],
      ['>20', '20.19.0', false],
      ['<=20', '20.19.0', true],
      ['16 - 20', '20.19.0', true],
      ['16 - 20', '21.0.0', false],
      ['*', '24.0.0', true],
      ['', '24.0.0', true],
    ];
    for (const [range, version, accepted] of cases) expect([range, version, nodeRangeAccepts(range, version)]).toEqual([range, version, accepted]);
    expect(() => nodeRangeAccepts('node >= 20', '20.19.0')).toThrow(/cannot read/);
  });
});

describe('installed packages', () => {
  it('all accept Node 20.19 and Node 24 in their engines.node', () => {
    const packages = installedEngines(join(ROOT, 'node_modules'));
    expect(packages.length).toBeGreaterThan(100);
    const skippable = new Set(OPTIONAL.map((dir) => join(ROOT, 'node_modules', dir)));
    const refusing = packages.flatMap(({ name, path, range }) => {
      if (skippable.has(path)) return [];
      const refused = NODES.filter((node) => !nodeRangeAccepts(range, node));
      return refused.length > 0 ? [`${name} declares node "${range}", which refuses ${refused.join(' and ')}`] : [];
    });
    expect(refusing).toEqual([]);
  });
});

describe('optional dependencies', () => {
  it('are only better-sqlite3 13, which runs on Node 24 and is loaded only where npm installs it', () => {
    expect(OPTIONAL).toEqual(['better-sqlite3-napi']);
    const range = lock.packages['node_modules/better-sqlite3-napi']?.engines?.node ?? '';
    expect(nodeRangeAccepts(range, '24.0.0')).toBe(true);
    for (let major = 20; major <= 26; major++) {
      const version = `${major}.0.0`;
      expect([version, sqliteBuildFor(version) === 'better-sqlite3-napi']).toEqual([version, nodeRangeAccepts(range, version)]);
    }
  });
});
