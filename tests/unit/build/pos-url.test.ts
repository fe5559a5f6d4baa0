import { describe, expect, it } from 'vitest';
import { fallbackParagraph } from '../../../build/launcher/fallback-message';
import { electronLaunchArgs, posBrowserUrl } from '../../../build/launcher/pos-url';

describe('launch addresses', () => {
  it('puts the server and the pairing code on the POS address, encoded', () => {
    const url = posBrowserUrl('http://127.0.0.1:4173', 'http://127.0.0.1:8787', 'AB12 CD34');
    expect(url).toBe('http://127.0.0.1:4173/?server=http%3A%2F%2F127.0.0.1%3A8787&pair=AB12+CD34');
    const parsed = new URL(url);
    expect(parsed.searchParams.get('server')).toBe('http://127.0.0.1:8787');
    expect(parsed.searchParams.get('pair')).toBe('AB12 CD34');
  });

  it('gives Electron the same parameters as switches after the app folder', () => {
    expect(electronLaunchArgs('/repo', 'http://127.0.0.1:8787', 'AB12-CD34')).toEqual([
      '/repo',
      '--server=http://127.0.0.1:8787',
      '--pair=AB12-CD34',
    ]);
  });
});

describe('the fallback paragraph', () => {
  const url = 'http://127.0.0.1:4173/?server=x&pair=y';

  it('says how to get the Electron binary when it is missing', () => {
    const text = fallbackParagraph({ reason: 'binary-missing', detail: 'path.txt missing' }, url);
    expect(text).toContain('node node_modules/electron/install.js');
    expect(text).toContain(url);
    expect(text).toContain('Ctrl+C');
    expect(text).not.toContain('\n');
  });

  it('says why there is no window without a display, and when Electron quit', () => {
    expect(fallbackParagraph({ reason: 'no-display', detail: 'no DISPLAY' }, url)).toMatch(/no display.*xvfb-run/s);
    expect(fallbackParagraph({ reason: 'electron-exited', detail: 'exit 1' }, url)).toContain('Electron stopped right after starting (exit 1)');
  });
});
