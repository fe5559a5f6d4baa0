import { defineConfig, type UserConfig } from 'vite';
import packageJson from '../package.json' with { type: 'json' };
import { browserAppViteConfig } from './shared/browser-app-vite-config';

// No node: imports here: this file sits in the renderer's import zone (eslint.config.js).
export const rendererRoot = import.meta.dirname;
export const rendererOutDir = `${import.meta.dirname}/../out/renderer`;

/** Shared by `npm run build:renderer`, electron-vite and the end-to-end tests (with another outDir). */
export function rendererViteConfig(outDir: string = rendererOutDir): UserConfig {
  // Relative asset paths so the same build loads from file:// in Electron and from any HTTP path.
  // Loaded from disk at the counter, so one large chunk costs no download; the QR reader's wasm is its own lazy chunk.
  return browserAppViteConfig(rendererRoot, outDir, './', packageJson.version, 1500);
}

export default defineConfig(rendererViteConfig());
