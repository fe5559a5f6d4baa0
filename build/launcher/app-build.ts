import { fileURLToPath } from 'node:url';
import { build as electronViteBuild } from 'electron-vite';
import { build as viteBuild } from 'vite';
import { adminOutDir, adminViteConfig } from '../../renderer/admin/vite.config';
import { rendererOutDir, rendererViteConfig } from '../../renderer/vite.config';
import { isBuildStale } from './freshness';

const repo = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export const REPO_DIR = repo('.');
export const OUT_DIR = repo('out');

/** What the renderer bundle is made from: its own folder, the shared core and the lockfile. */
export const RENDERER_SOURCES = [repo('renderer'), repo('core'), repo('package-lock.json')];
/** What the back office (/admin) is made from: its folder, the code both apps share, core, the lockfile. */
export const ADMIN_SOURCES = [repo('renderer/admin'), repo('renderer/shared'), repo('renderer/i18n'), repo('core'), repo('package-lock.json')];
export const ELECTRON_SOURCES = [...RENDERER_SOURCES, repo('electron'), repo('electron.vite.config.ts')];
export const ELECTRON_OUTPUTS = [repo('out/main/index.js'), repo('out/preload/index.cjs'), repo('out/renderer/index.html')];

/** Builds the POS renderer alone (what a browser needs) into `outDir`. */
export async function buildRenderer(outDir: string = rendererOutDir): Promise<void> {
  await viteBuild({ ...rendererViteConfig(outDir), configFile: false, logLevel: 'warn' });
}

/** Builds Electron main, preload and renderer into `out/` (what `npm run build` does). */
export async function buildElectronApp(): Promise<void> {
  await electronViteBuild({ configFile: repo('electron.vite.config.ts'), logLevel: 'warn' });
}

export function rendererIsStale(outDir: string = rendererOutDir): boolean {
  return isBuildStale([`${outDir}/index.html`], RENDERER_SOURCES);
}

export function electronAppIsStale(): boolean {
  return isBuildStale(ELECTRON_OUTPUTS, ELECTRON_SOURCES);
}

/** Builds the back office into `outDir` (default out/admin, which the server serves at /admin). */
export async function buildAdmin(outDir: string = adminOutDir): Promise<void> {
  await viteBuild({ ...adminViteConfig(outDir), configFile: false, logLevel: 'warn' });
}

export function adminIsStale(outDir: string = adminOutDir): boolean {
  return isBuildStale([`${outDir}/index.html`], ADMIN_SOURCES);
}
