import type { PosApi } from '../../core/pos-api';
import { createBrowserPos } from './browser-pos';

declare global {
  interface Window {
    /** Provided by Electron's preload; absent in a plain browser. */
    pos?: PosApi;
  }
}

let bridge: PosApi | undefined;

/** The only way the renderer reaches its host: Electron's `window.pos`, else the browser's own. */
export function pos(): PosApi {
  bridge ??= window.pos ?? createBrowserPos();
  return bridge;
}
