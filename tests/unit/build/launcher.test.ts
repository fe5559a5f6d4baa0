import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { REPO_DIR } from '../../../build/launcher/app-build';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir('launcher');
let launcher: ChildProcess | undefined;
afterEach(() => {
  if (launcher && launcher.exitCode === null && launcher.signalCode === null) launcher.kill('SIGKILL');
});

/** The bridge's first message to a page of `origin`; rejects when nothing listens. */
function helloFrom(url: string, origin: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('message', (data) => {
      resolve(JSON.parse(String(data)));
      ws.close();
    });
    ws.once('error', reject);
  });
}

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

    // The hardware bridge runs beside it, for this POS page, with the token in the address.
    const bridge = new URL(pos.searchParams.get('bridge')!);
    expect(bridge.host).toMatch(/^127\.0\.0\.1:\d+$/);
    bridge.searchParams.set('token', pos.searchParams.get('bridgeToken')!);
    expect(await helloFrom(bridge.toString(), pos.origin)).toEqual({ type: 'event', event: 'hello', protocol: 1 });
    const config = await fetch(new URL('config', pos.searchParams.get('hardwareConfig')!), { headers: { authorization: `Bearer ${pos.searchParams.get('bridgeToken')}` } });
    expect(await config.json()).toMatchObject({ ok: true, editable: true });

    const exited = new Promise<number | null>((done) => launcher!.once('exit', (code) => done(code)));
    launcher.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`${serverUrl}/api/v1/health`)).rejects.toThrow();
    await expect(fetch(pos)).rejects.toThrow();
    await expect(helloFrom(bridge.toString(), pos.origin)).rejects.toThrow();
  }, 120_000);
});
