import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A socat pseudo-terminal pair: `device` is what a driver opens (like /dev/ttyUSB0), `peer` is
 * the other end, where a test plays the scanner or printer. Stopping socat removes both ptys,
 * which serialport sees as an unplug.
 */
export class PtyPair {
  readonly device: string;
  readonly peer: string;
  private proc: ChildProcess | null = null;

  constructor(readonly dir: string = mkdtempSync(join(tmpdir(), 'hexiao-pty-'))) {
    this.device = join(dir, 'device');
    this.peer = join(dir, 'peer');
  }

  async start(): Promise<void> {
    const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.device}`, `pty,raw,echo=0,link=${this.peer}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.proc = proc;
    await new Promise<void>((resolve, reject) => {
      let log = '';
      proc.stderr!.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('starting data transfer loop') && existsSync(this.device) && existsSync(this.peer)) resolve();
      });
      proc.once('exit', (code) => reject(new Error(`socat exited with ${code}: ${log}`)));
    });
  }

  /** Unplug: socat exits and removes both links. */
  async stop(): Promise<void> {
    const proc = this.proc;
    this.proc = null;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
