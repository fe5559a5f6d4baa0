import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronAvailability, locateElectronBinary } from '../../../build/launcher/electron-availability';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir('electron');

/** A project folder whose `electron` package names `binary`, like the real package's index.js. */
function projectWithElectron(binary: string | null): string {
  const dir = tempDir();
  const pkg = join(dir, 'node_modules', 'electron');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'electron', main: 'index.js' }));
  writeFileSync(
    join(pkg, 'index.js'),
    binary === null
      ? "throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again');"
      : `module.exports = ${JSON.stringify(binary)};`,
  );
  return dir;
}

describe('Electron availability', () => {
  it('reports a missing download with the package’s own words', () => {
    const located = locateElectronBinary(projectWithElectron(null));
    expect(located).toEqual({ error: expect.stringMatching(/failed to install correctly/) });
    expect(electronAvailability(located, 'linux', { DISPLAY: ':0' })).toMatchObject({ ok: false, reason: 'binary-missing' });
  });

  it('reports a binary path that does not exist', () => {
    const located = locateElectronBinary(projectWithElectron('/nowhere/electron'));
    expect(located).toEqual({ error: 'no file at /nowhere/electron' });
  });

  it('needs a display on Linux but not elsewhere', () => {
    const dir = tempDir();
    const binary = join(dir, 'electron');
    writeFileSync(binary, '#!/bin/sh\n');
    chmodSync(binary, 0o755);
    const located = locateElectronBinary(projectWithElectron(binary));
    expect(located).toEqual({ binary });
    expect(electronAvailability(located, 'linux', {})).toMatchObject({ ok: false, reason: 'no-display' });
    expect(electronAvailability(located, 'linux', { DISPLAY: ' ' })).toMatchObject({ ok: false, reason: 'no-display' });
    expect(electronAvailability(located, 'linux', { WAYLAND_DISPLAY: 'wayland-0' })).toEqual({ ok: true, binary });
    expect(electronAvailability(located, 'win32', {})).toEqual({ ok: true, binary });
  });
});
