import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBuildStale, newestMtimeMs } from '../../../build/launcher/freshness';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir('freshness');

function file(path: string, secondsSinceEpoch: number): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, 'x');
  utimesSync(path, secondsSinceEpoch, secondsSinceEpoch);
  return path;
}

describe('build freshness', () => {
  it('finds the newest file in nested folders, skipping node_modules', () => {
    const dir = tempDir();
    file(join(dir, 'a.ts'), 1000);
    file(join(dir, 'deep', 'er', 'b.ts'), 3000);
    file(join(dir, 'node_modules', 'c.js'), 9000);
    expect(newestMtimeMs([dir])).toBe(3_000_000);
    expect(newestMtimeMs([join(dir, 'missing')])).toBe(0);
  });

  it('is stale when an output is missing', () => {
    const dir = tempDir();
    file(join(dir, 'src', 'a.ts'), 1000);
    expect(isBuildStale([join(dir, 'out', 'index.html')], [join(dir, 'src')])).toBe(true);
    expect(isBuildStale([], [join(dir, 'src')])).toBe(true);
  });

  it('is stale when a source is newer than the output, fresh otherwise', () => {
    const dir = tempDir();
    const source = file(join(dir, 'src', 'a.ts'), 1000);
    const output = file(join(dir, 'out', 'index.html'), 2000);
    expect(isBuildStale([output], [join(dir, 'src')])).toBe(false);
    utimesSync(source, 3000, 3000);
    expect(isBuildStale([output], [join(dir, 'src')])).toBe(true);
  });

  it('takes the oldest of several outputs', () => {
    const dir = tempDir();
    file(join(dir, 'src', 'a.ts'), 2000);
    const main = file(join(dir, 'out', 'main.js'), 3000);
    const preload = file(join(dir, 'out', 'preload.cjs'), 1000);
    expect(isBuildStale([main, preload], [join(dir, 'src')])).toBe(true);
  });
});
