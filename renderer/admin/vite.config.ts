import { defineConfig, type UserConfig } from 'vite';
import packageJson from '../../package.json' with { type: 'json' };
import { browserAppViteConfig } from '../shared/browser-app-vite-config';

// No node: imports here: this file sits in the renderer's import zone (eslint.config.js).
export const adminRoot = import.meta.dirname;
export const adminOutDir = `${import.meta.dirname}/../../out/admin`;

/** Shared by `npm start` (when stale) and the end-to-end tests (with another outDir). */
export function adminViteConfig(outDir: string = adminOutDir): UserConfig {
  // Absolute, so a deep link (/admin/campaigns) loads its assets; the server mounts it there.
  return browserAppViteConfig(adminRoot, outDir, '/admin/', packageJson.version, 1500);
}

export default defineConfig(adminViteConfig());
