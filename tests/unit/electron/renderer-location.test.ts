import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, rendererHref, rendererLocation } from '../../../electron/main/renderer-location';

const bundleDir = join('/', 'app', 'out', 'main');
const built = rendererLocation(null, bundleDir);

describe('renderer location', () => {
  it('is the built index.html beside the main bundle, or the dev server', () => {
    expect(built).toEqual({ kind: 'file', path: join('/', 'app', 'out', 'renderer', 'index.html') });
    expect(rendererLocation('http://localhost:5173/', bundleDir)).toEqual({ kind: 'url', url: 'http://localhost:5173/' });
    expect(rendererHref(built)).toBe(pathToFileURL(join('/', 'app', 'out', 'renderer', 'index.html')).href);
  });

  it('allows only the POS page itself', () => {
    const page = rendererHref(built);
    expect(isAllowedNavigation(page, built)).toBe(true);
    expect(isAllowedNavigation(`${page}?server=x#top`, built)).toBe(true);
    expect(isAllowedNavigation(pathToFileURL('/etc/passwd').href, built)).toBe(false);
    expect(isAllowedNavigation('https://example.com/', built)).toBe(false);
    expect(isAllowedNavigation('not a url', built)).toBe(false);
  });

  it('allows the dev server origin and nothing else', () => {
    const dev = rendererLocation('http://localhost:5173/', bundleDir);
    expect(isAllowedNavigation('http://localhost:5173/src/index.html', dev)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', dev)).toBe(false);
    expect(isAllowedNavigation('http://evil.localhost:5173/', dev)).toBe(false);
  });
});
