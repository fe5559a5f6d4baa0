import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadPlan, LoadResult } from './http-load-process';

export type { LoadPlan, LoadResult } from './http-load-process';

const SCRIPT = fileURLToPath(new URL('./http-load-process.ts', import.meta.url));

/** Runs the redeem load in a separate process (tsx) and returns what it measured. */
export function runHttpLoad(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(SCRIPT, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: LoadResult | undefined;
    child.once('message', (message) => (result = message as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`load process exited with ${code} before reporting`));
    });
    child.send(plan);
  });
}
