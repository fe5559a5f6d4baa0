import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { serveStatic, type StaticServer } from '../../../build/launcher/static-server';

/**
 * Bundles a browser entry (renderer code and its dependencies) into one script with Vite and
 * serves it from an HTML page on 127.0.0.1, so IndexedDB has a real origin.
 */
export async function serveBrowserBundle(entry: string, outDir: string): Promise<StaticServer> {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome120',
      minify: false,
      reportCompressedSize: false,
      lib: { entry, formats: ['iife'], name: 'hexiaoBenchBundle', fileName: () => 'bundle.js' },
    },
  });
  await writeFile(join(outDir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bench</title><script src="bundle.js"></script>\n');
  return serveStatic(outDir);
}
