import vue from '@vitejs/plugin-vue';
import { defineConfig, type UserConfig } from 'vite';
import packageJson from '../package.json' with { type: 'json' };

// No node: imports here: this file sits in the renderer's import zone (eslint.config.js).
export const rendererRoot = import.meta.dirname;
export const rendererOutDir = `${import.meta.dirname}/../out/renderer`;

/** Shared by `npm run build:renderer`, electron-vite and the end-to-end tests (with another outDir). */
export function rendererViteConfig(outDir: string = rendererOutDir): UserConfig {
  return {
    root: rendererRoot,
    // Relative asset paths so the same build loads from file:// in Electron and from any HTTP path.
    base: './',
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
    },
    logLevel: 'warn',
  };
}

export default defineConfig(rendererViteConfig());
