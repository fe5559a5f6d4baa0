import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveStaticPath, serveStatic, type StaticServer } from '../../../build/launcher/static-server';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir('static');
let server: StaticServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** `<temp>/site` is served; `<temp>/secret.txt` sits just outside it. */
function site(): string {
  const dir = tempDir();
  const root = join(dir, 'site');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>POS</title>');
  writeFileSync(join(root, 'assets', 'app-1a2b.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  return root;
}

/** A raw request, so that `..` segments reach the server as typed instead of being normalised. */
function rawGet(url: string, path: string, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((done, failed) => {
    const req = request(`${url.replace(/\/$/, '')}${path}`, { method }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', failed);
    req.end();
  });
}

describe('static server for the built POS', () => {
  it('serves index.html at / uncached and hashed assets with their type', async () => {
    server = await serveStatic(site());
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('<title>POS</title>');
    const script = await fetch(`${server.url}assets/app-1a2b.js?v=1`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('answers 404 for missing files and folders, 405 for writes', async () => {
    server = await serveStatic(site());
    expect((await fetch(`${server.url}nope.js`)).status).toBe(404);
    expect((await fetch(`${server.url}assets`)).status).toBe(404);
    expect((await rawGet(server.url, '/index.html', 'POST')).status).toBe(405);
  });

  it('never serves a file outside its root', async () => {
    const root = site();
    server = await serveStatic(root);
    const name = 'secret.txt';
    for (const path of [`/../${name}`, `/%2e%2e/${name}`, `/assets/..%2f..%2f${name}`]) {
      const answer = await rawGet(server.url, path);
      expect(answer.body).not.toContain('secret');
    }
    expect(resolveStaticPath(root, `/../${name}`)).toBeNull();
    expect(resolveStaticPath(root, '/%E0%A4%A')).toBeNull();
    expect(resolveStaticPath(root, '/a%00b')).toBeNull();
    expect(resolveStaticPath(root, '/')).toBe(resolve(root, 'index.html'));
  });

  it('listens on 127.0.0.1 on the port asked for', async () => {
    server = await serveStatic(site());
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
  });
});
