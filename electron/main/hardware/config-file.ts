import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hardwareConfigFromJson, type HardwareConfig } from '../../../core/pos-hardware-config';

/** The stored hardware config; the defaults when there is none yet or it no longer parses. */
export async function readHardwareConfig(path: string): Promise<HardwareConfig> {
  let text: string | null = null;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return hardwareConfigFromJson(text);
}

/** Written beside and renamed over, so a crash never leaves half a file. */
export async function writeHardwareConfig(path: string, config: HardwareConfig): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, path);
}
