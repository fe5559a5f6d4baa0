import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/server';

const INDEX = '<!doctype html><title>admin</title><script type="module" src="/admin/assets/app-1a2b.js"></script>';

describe('the back office at /admin', () => {
  let dir: string;
  let adminDir: string;
  let server: RunningServer;
  const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, { redirect: 'manual', ...init });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hexiao-admin-app-'));
    adminDir = join(dir, 'admin');
    server = await startServer({ port: 0, dataDir: join(dir, 'data'), demo: false, logLevel: 'silent', adminDir });
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('says the back office is not built, in both languages, when its folder holds no build', async () => {
    for (const path of ['/admin/', '/admin/campaigns']) {
      const res = await get(path);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain('text/html');
      const page = await res.text();
      expect(page).toContain('商户后台尚未构建');
      expect(page).toContain('The back office is not built');
      expect(page).toContain(adminDir);
      expect(page).toContain('npm run build:admin');
    }
  });

  it('serves a build made while it runs: the page, its assets and every page path (SPA fallback)', async () => {
    mkdirSync(join(adminDir, 'assets'), { recursive: true });
    writeFileSync(join(adminDir, 'index.html'), INDEX);
    writeFileSync(join(adminDir, 'assets', 'app-1a2b.js'), 'console.log("admin")');

    for (const path of ['/admin/', '/admin/login', '/admin/campaigns/7/edit?tab=tiers']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.text()).toBe(INDEX);
    }
    const asset = await get('/admin/assets/app-1a2b.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('console.log("admin")');
  });

  it('sends /admin to /admin/ with its query, so the app and its assets share one base', async () => {
    const res = await get('/admin?next=%2Fcampaigns');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/admin/?next=%2Fcampaigns');
  });

  it('answers a missing asset, a write and a path that leaves the folder with the API’s 404, not the page', async () => {
    const missing = await get('/admin/assets/gone-9z9z.js');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    const post = await get('/admin/campaigns', { method: 'POST' });
    expect(post.status).toBe(404);
    writeFileSync(join(dir, 'secret.txt'), 'not for the web');
    const escape = await get('/admin/..%2Fsecret.txt');
    expect(escape.status).not.toBe(200);
    expect(await escape.text()).not.toContain('not for the web');
  });

  it('leaves the API where it was', async () => {
    const res = await get('/api/v1/health');
    expect(res.status).toBe(200);
  });
});
