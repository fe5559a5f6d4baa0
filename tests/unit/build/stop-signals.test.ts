import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_DIR } from '../../../build/launcher/app-build';
import { isAlive } from '../../hardware/support/process-tree';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir('stop-signals');

/** A process that waits for a stop request and writes its reason to `out`. */
function listenerScript(dir: string): { script: string; out: string } {
  const out = join(dir, 'why.txt');
  const script = join(dir, 'listener.ts');
  writeFileSync(
    script,
    `import { writeFileSync } from 'node:fs';
import { onStopRequest } from ${JSON.stringify(join(REPO_DIR, 'build/launcher/stop-signals.ts'))};
onStopRequest((why) => { writeFileSync(${JSON.stringify(out)}, why); process.exit(0); }, 50);
console.log('ready');
setInterval(() => undefined, 1000);
`,
  );
  return { script, out };
}

describe('what stops npm start', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s', async (signal) => {
    const { script, out } = listenerScript(tempDir());
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: REPO_DIR, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((ready) => child.stdout!.once('data', () => ready()));
    const exited = new Promise((done) => child.once('exit', done));
    child.kill(signal);
    expect(await exited).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(signal);
  });

  it('its parent going away without passing a signal on (npm kills the sh -c between them)', async () => {
    const dir = tempDir();
    const { script, out } = listenerScript(dir);
    const pidFile = join(dir, 'pid');
    // A shell that starts the listener and waits, as `npm start` runs a script; killing the shell
    // outright leaves the listener orphaned, exactly what npm's SIGTERM to `sh` does.
    const shell = spawn('sh', ['-c', `"${process.execPath}" --import tsx "${script}" & echo $! > "${pidFile}"; wait`], { cwd: REPO_DIR, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((ready) => shell.stdout!.once('data', () => ready()));
    const listener = Number(readFileSync(pidFile, 'utf8'));
    shell.kill('SIGKILL');
    await expect.poll(() => existsSync(out), { timeout: 15_000 }).toBe(true);
    expect(readFileSync(out, 'utf8')).toBe('the parent process exited');
    await expect.poll(() => isAlive(listener), { timeout: 15_000 }).toBe(false);
  });
});
