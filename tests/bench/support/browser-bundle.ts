import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { serveStatic, type StaticServer } from '../../../build/launcher/static-server';

/** Bundles a browser entry (renderer code and its dependencies) into `outDir` as one script behind an index.html. */
export async function buildBrowserBundle(entry: string, outDir: string): Promise<void> {
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
}

/** The bundle served from 127.0.0.1, so IndexedDB has a real origin. */
export async function serveBrowserBundle(entry: string, outDir: string): Promise<StaticServer> {
  await buildBrowserBundle(entry, outDir);
  return serveStatic(outDir);
}
