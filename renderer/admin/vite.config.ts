import vue from '@vitejs/plugin-vue';
import { defineConfig, type UserConfig } from 'vite';
import packageJson from '../../package.json' with { type: 'json' };

// No node: imports here: this file sits in the renderer's import zone (eslint.config.js).
export const adminRoot = import.meta.dirname;
export const adminOutDir = `${import.meta.dirname}/../../out/admin`;

/** Shared by `npm start` (when stale) and the end-to-end tests (with another outDir). */
export function adminViteConfig(outDir: string = adminOutDir): UserConfig {
  return {
    root: adminRoot,
    // Absolute, so a deep link (/admin/campaigns) loads its assets; the server mounts it there.
    base: '/admin/',
    plugins: [vue()],
    define: {
      __APP_VERSION__: JSON.stringify(packageJson.version),
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      __VUE_I18N_FULL_INSTALL__: 'false',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
    },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome120',
      reportCompressedSize: false,
      chunkSizeWarningLimit: 1500,
    },
    logLevel: 'warn',
  };
}

export default defineConfig(adminViteConfig());
