import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { rendererViteConfig } from './renderer/vite.config';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// serialport ships a prebuilt N-API binary that bundling cannot carry (HARDWARE.md): keep it external.
const nativeExternals = ['serialport', /^@serialport\//];

export default defineConfig({
  main: {
    build: {
      outDir: here('out/main'),
      externalizeDeps: true,
      rollupOptions: {
        input: { index: here('electron/main/index.ts') },
        external: nativeExternals,
      },
    },
  },
  preload: {
    build: {
      outDir: here('out/preload'),
      externalizeDeps: true,
      rollupOptions: {
        input: { index: here('electron/preload/index.ts') },
        // A sandboxed preload is a classic script: CommonJS, one file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: (() => {
    const { build, ...rest } = rendererViteConfig(here('out/renderer'));
    return {
      ...rest,
      build: { ...build, rollupOptions: { input: { index: here('renderer/index.html') } } },
    };
  })(),
});
