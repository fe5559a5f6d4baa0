import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowChoices {
  preloadPath: string;
  kiosk: boolean;
  title: string;
}

/** A counter terminal: large enough for the two-column screen, locked-down web preferences. */
export function mainWindowOptions({ preloadPath, kiosk, title }: WindowChoices): BrowserWindowConstructorOptions {
  return {
    title,
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    kiosk,
    fullscreen: kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#eef1f5',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: !kiosk,
    },
  };
}
