import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';

/** What the server's demo mode writes to `<dataDir>/demo.json`. */
export const DemoFile = z.looseObject({
  serverUrl: z.string().min(1),
  pairingCode: z.string().min(1),
  vouchers: z.array(
    z.looseObject({
      code: z.string(),
      campaignTitle: z.string(),
      uses: z.number().int(),
      storeNames: z.array(z.string()),
    }),
  ),
});
export type DemoFile = z.infer<typeof DemoFile>;

export function demoFilePath(dataDir: string): string {
  return join(dataDir, 'demo.json');
}

/** Waits for a demo.json written at or after `sinceMs` (the server rewrites it on every start). */
export async function readFreshDemoFile(dataDir: string, sinceMs: number, timeoutMs = 10_000): Promise<DemoFile> {
  const path = demoFilePath(dataDir);
  const deadline = Date.now() + timeoutMs;
  let problem = `${path} was not written`;
  while (Date.now() < deadline) {
    try {
      if ((await stat(path)).mtimeMs >= sinceMs - 1000) {
        const parsed = DemoFile.safeParse(JSON.parse(await readFile(path, 'utf8')));
        if (parsed.success) return parsed.data;
        problem = `${path} does not have the expected shape: ${parsed.error.issues[0]?.message ?? ''}`;
      }
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    await delay(100);
  }
  throw new Error(problem);
}
