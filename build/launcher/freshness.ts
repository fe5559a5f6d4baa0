import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time of any file under `paths` (files or folders); 0 when none exist. */
export function newestMtimeMs(paths: readonly string[]): number {
  let newest = 0;
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules') visit(join(path, entry));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const path of paths) visit(path);
  return newest;
}

/** A build is stale when its output is missing or older than any of its sources. */
export function isBuildStale(outputs: readonly string[], sources: readonly string[]): boolean {
  if (outputs.length === 0 || outputs.some((output) => !existsSync(output))) return true;
  const oldestOutput = Math.min(...outputs.map((output) => newestMtimeMs([output])));
  return newestMtimeMs(sources) > oldestOutput;
}
