import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../electron/main/window-options';

describe('main window options', () => {
  it('isolates the page from Node and loads the preload', () => {
    const options = mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', kiosk: false, title: 'POS' });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: true,
    });
    expect(options.show).toBe(false);
    expect(options.kiosk).toBe(false);
    expect(options.minWidth).toBeGreaterThanOrEqual(1024);
  });

  it('goes full screen without dev tools in kiosk mode', () => {
    const options = mainWindowOptions({ preloadPath: 'p', kiosk: true, title: 'POS' });
    expect(options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(options.webPreferences?.devTools).toBe(false);
  });
});
