import { accessSync, constants } from 'node:fs';

/** Where Chromium or Chrome usually lives on Linux, macOS and Windows, after `CHROMIUM_PATH`. */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser the end-to-end tests drive. Never skips: without one the tests fail and say how to
 * get one, because a suite that silently skips its browser tests proves nothing.
 */
export function findChromium(
  env: Readonly<Record<string, string | undefined>> = process.env,
  candidates: readonly string[] = CHROMIUM_CANDIDATES,
  executable: (path: string) => boolean = isExecutable,
): string {
  const fromEnv = env.CHROMIUM_PATH?.trim();
  if (fromEnv) {
    if (executable(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which is not an executable file. Point it at a Chromium or Chrome binary.`);
  }
  const found = candidates.find(executable);
  if (found) return found;
  throw new Error(
    'No Chromium found for the end-to-end tests. Install it (Debian/Ubuntu: `apt-get install chromium`) ' +
      `or set CHROMIUM_PATH to a Chromium or Chrome binary. Looked in: ${candidates.join(', ')}.`,
  );
}
