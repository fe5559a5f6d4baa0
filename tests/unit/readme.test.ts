import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVoucherCode } from '../../core/voucher-code';

// A newcomer copies what the README shows: its codes must be codes, its paths must exist.
const ROOT = join(import.meta.dirname, '../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const TOP = ['core', 'drivers', 'electron', 'renderer', 'server', 'tests', 'build', 'docs'];

describe('README', () => {
  it('shows only voucher codes that pass their check digit', () => {
    const codes = [...readme.matchAll(/`(\d{4}[ -]?\d{4}[ -]?\d{4})`/g)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect([code, parseVoucherCode(code).ok]).toEqual([code, true]);
  });

  it('names only files and folders that are in the repository', () => {
    const paths = [...readme.matchAll(/`([A-Za-z0-9_.\-/]+)`/g)]
      .map((m) => m[1]!)
      .filter((p) => p.includes('/') && TOP.includes(p.split('/')[0]!));
    expect(paths).toContain('docs/architecture.md');
    expect(paths.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
    expect(readme).not.toMatch(/`\.\.\//);
  });
});
