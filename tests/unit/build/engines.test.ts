import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeRangeAccepts } from '../../support/node-range';

// package.json says Node ≥ 20.19; Electron 40 and today's Node LTS are 24. A dependency whose
// `engines.node` leaves out either breaks `npm install` for someone (engine-strict) or warns.
const NODES = ['20.19.0', '24.0.0'];
const ROOT = join(import.meta.dirname, '../../..');

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
    const refusing = packages.flatMap(({ name, range }) => {
      const refused = NODES.filter((node) => !nodeRangeAccepts(range, node));
      return refused.length > 0 ? [`${name} declares node "${range}", which refuses ${refused.join(' and ')}`] : [];
    });
    expect(refusing).toEqual([]);
  });
});
