import { describe, expect, it } from 'vitest';
import { startChild, stopChild } from '../../../build/launcher/child-processes';

describe('child processes', () => {
  it('reports how a process ended', async () => {
    const child = startChild('t', process.execPath, ['-e', 'process.exit(3)'], {});
    expect(await child.exited).toBe(3);
    expect(child.exitedWith()).toBe(3);
  });

  it('stops a process that would run for a long time', async () => {
    const child = startChild('t', process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {});
    expect(child.exitedWith()).toBeNull();
    await stopChild(child);
    expect(child.exitedWith()).toBe('SIGTERM');
  });

  it('kills a process that ignores SIGTERM after the grace period', async () => {
    const child = startChild('t', process.execPath, ['-e', "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000)"], {});
    await new Promise<void>((done) => child.process.stdout?.once('data', () => done()));
    await stopChild(child, 200);
    expect(child.exitedWith()).toBe('SIGKILL');
  });

  it('reports a command that cannot start', async () => {
    const child = startChild('t', '/nonexistent/binary', [], {});
    expect(String(await child.exited)).toMatch(/ENOENT/);
  });
});
