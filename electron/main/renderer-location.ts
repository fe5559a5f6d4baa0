import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type RendererLocation = { kind: 'url'; url: string } | { kind: 'file'; path: string };

/** The dev server when one is running, else the built `index.html` beside the main bundle. */
export function rendererLocation(devServerUrl: string | null, mainBundleDir: string): RendererLocation {
  if (devServerUrl) return { kind: 'url', url: devServerUrl };
  return { kind: 'file', path: join(mainBundleDir, '..', 'renderer', 'index.html') };
}

export function rendererHref(location: RendererLocation): string {
  return location.kind === 'url' ? location.url : pathToFileURL(location.path).href;
}

/**
 * The POS window may only show its own pages: a link or a redirect elsewhere would put a
 * web page, with `window.pos`, in front of the cashier.
 */
export function isAllowedNavigation(target: string, location: RendererLocation): boolean {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  if (location.kind === 'url') return url.origin === new URL(location.url).origin;
  return url.protocol === 'file:' && url.pathname === new URL(rendererHref(location)).pathname;
}
