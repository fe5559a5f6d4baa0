export type FallbackReason =
  | { reason: 'binary-missing'; detail: string }
  | { reason: 'no-display'; detail: string }
  | { reason: 'electron-exited'; detail: string };

/** One paragraph: why there is no Electron window, how to get one, and what happens instead. */
export function fallbackParagraph(cause: FallbackReason, posUrl: string): string {
  const why = {
    'binary-missing':
      `Electron cannot start: its binary is not installed (${cause.detail}). ` +
      'npm installs the electron package without downloading the binary when the network is closed; ' +
      'on a machine with internet access run `node node_modules/electron/install.js` once, then `npm start` again.',
    'no-display':
      `Electron cannot start: there is no display to open a window on (${cause.detail}). ` +
      'Run `npm start` from a desktop session, or under Xvfb (`xvfb-run npm start`).',
    'electron-exited': `Electron stopped right after starting (${cause.detail}).`,
  }[cause.reason];
  return `${why} Meanwhile the POS is served for a browser instead: open ${posUrl} in Chrome, Edge or Chromium. Press Ctrl+C to stop everything.`;
}
