import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_DIR } from '../../../build/launcher/app-build';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir('launcher');
let launcher: ChildProcess | undefined;
afterEach(() => {
  if (launcher && launcher.exitCode === null && launcher.signalCode === null) launcher.kill('SIGKILL');
});

/** Resolves with the first output line that matches, failing if the process ends first. */
function lineMatching(child: ChildProcess, pattern: RegExp, seen: string[]): Promise<RegExpExecArray> {
  return new Promise((done, failed) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      seen.push(line);
      const match = pattern.exec(line);
      if (match) done(match);
    });
    child.once('exit', (code) => failed(new Error(`launcher exited (${code}) before printing ${pattern}:\n${seen.join('\n')}`)));
  });
}

describe('npm start without Electron', () => {
  it('starts the server, serves the POS with the pairing address, and Ctrl+C stops both', async () => {
    const env = {
      ...process.env,
      HEXIAO_DATA_DIR: tempDir(),
      PORT: '0',
      HEXIAO_POS_PORT: '0',
      DISPLAY: '',
      WAYLAND_DISPLAY: '',
      LOG_LEVEL: 'warn',
    };
    launcher = spawn(process.execPath, ['--import', 'tsx', 'build/start.ts'], { cwd: REPO_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const seen: string[] = [];
    const [, posUrl] = await lineMatching(launcher, /^POS: (\S+)$/, seen);
    const output = seen.join('\n');
    expect(output).toMatch(/Electron cannot start/);
    expect(output).toMatch(/node node_modules\/electron\/install\.js|no display/);

    const pos = new URL(posUrl!);
    const serverUrl = pos.searchParams.get('server')!;
    expect(pos.searchParams.get('pair')).toMatch(/\S/);
    expect(output).toContain(pos.searchParams.get('pair'));
    const page = await fetch(pos);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
    expect((await fetch(`${serverUrl}/api/v1/health`)).status).toBe(200);

    const exited = new Promise<number | null>((done) => launcher!.once('exit', (code) => done(code)));
    launcher.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`${serverUrl}/api/v1/health`)).rejects.toThrow();
    await expect(fetch(pos)).rejects.toThrow();
  }, 120_000);
});
