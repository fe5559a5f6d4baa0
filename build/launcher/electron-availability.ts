import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export type ElectronAvailability =
  | { ok: true; binary: string }
  | { ok: false; reason: 'binary-missing' | 'no-display'; detail: string };

/** Where the `electron` package says its binary is; it throws when the download never happened. */
export function locateElectronBinary(fromDir: string): { binary: string } | { error: string } {
  try {
    const binary = createRequire(`${fromDir}/`)('electron') as unknown;
    if (typeof binary !== 'string') return { error: 'the electron package did not name a binary' };
    return existsSync(binary) ? { binary } : { error: `no file at ${binary}` };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Electron needs its binary and, on Linux, an X11 or Wayland display to open a window on. */
export function electronAvailability(
  located: { binary: string } | { error: string },
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): ElectronAvailability {
  if ('error' in located) return { ok: false, reason: 'binary-missing', detail: located.error };
  const hasDisplay = Boolean(env.DISPLAY?.trim() || env.WAYLAND_DISPLAY?.trim());
  if (platform === 'linux' && !hasDisplay) {
    return { ok: false, reason: 'no-display', detail: 'neither DISPLAY nor WAYLAND_DISPLAY is set' };
  }
  return { ok: true, binary: located.binary };
}
