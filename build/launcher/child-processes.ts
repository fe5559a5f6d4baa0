import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Child {
  process: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  exitedWith(): number | string | null;
}

/** Starts a process whose output lines are printed with `label` in front (or given to `onLine`). */
export function startChild(
  label: string,
  command: string,
  args: string[],
  options: SpawnOptions,
  onLine: (line: string) => void = (line) => console.log(`[${label}] ${line}`),
): Child {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', onLine);
  }
  let outcome: number | string | null = null;
  const exited = new Promise<number | string>((done) => {
    child.once('exit', (code, signal) => {
      outcome = code ?? signal ?? 'unknown';
      done(outcome);
    });
    child.once('error', (error) => {
      outcome = error.message;
      done(outcome);
    });
  });
  return { process: child, exited, exitedWith: () => outcome };
}

/** SIGTERM, then SIGKILL if it has not ended after `graceMs`. */
export async function stopChild(child: Child, graceMs = 5000): Promise<void> {
  if (child.exitedWith() !== null) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}
