import vue from '@vitejs/plugin-vue';
import type { UserConfig } from 'vite';

// Built by Vite, not shipped in an app: type-checked with the build scripts (build/tsconfig.json).
/** What every browser app of the renderer (the POS, the back office) is built with: Vue, flags, target. */
export function browserAppViteConfig(root: string, outDir: string, base: string, appVersion: string, chunkSizeWarningLimit?: number): UserConfig {
  return {
    root,
    base,
    plugins: [vue()],
    define: {
      __APP_VERSION__: JSON.stringify(appVersion),
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
      // Inline the QR reader's wasm: file:// pages (Electron) cannot fetch a file beside them.
      assetsInlineLimit: (file: string) => (file.endsWith('.wasm') ? true : undefined),
      ...(chunkSizeWarningLimit ? { chunkSizeWarningLimit } : {}),
    },
    logLevel: 'warn',
  };
}
