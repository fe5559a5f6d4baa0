import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type RequestHandler } from 'express';
import { PAGE_CSP } from './security-headers';

/** Where the back office lives on the server; the admin build's `base` (renderer/admin/vite.config.ts) matches. */
export const ADMIN_PATH = '/admin';

/** `npm start` and `npm run build:admin` build the back office here. */
export const DEFAULT_ADMIN_DIR = fileURLToPath(new URL('../../out/admin', import.meta.url));

/**
 * Serves the built back office at /admin: its files, and index.html for every other page path so
 * deep links (/admin/campaigns) reach the app's router. The folder is read on each request, so a
 * build made while the server runs is served without a restart.
 */
export function adminAppRoutes(app: Express, dir: string = DEFAULT_ADMIN_DIR): void {
  const root = resolve(dir);
  const files = express.static(root, {
    index: false,
    redirect: false,
    setHeaders: (res, path) => {
      res.setHeader('x-content-type-options', 'nosniff');
      // Hashed bundles never change; the page itself must be re-read after each build.
      res.setHeader('cache-control', path.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable');
    },
  });
  app.use(ADMIN_PATH, adminCsp, withSlash, files, page(root));
}

const adminCsp: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  next();
};

/** `/admin` → `/admin/`, so the app's relative router base and its assets line up. */
const withSlash: RequestHandler = (req, res, next) => {
  const [path = '', query] = req.originalUrl.split('?');
  if (path === ADMIN_PATH) return void res.redirect(302, `${ADMIN_PATH}/${query === undefined ? '' : `?${query}`}`);
  next();
};

function page(root: string): RequestHandler {
  return (req, res, next) => {
    // A missing asset (a file name with an extension) or a write is not a page: the API's 404.
    if ((req.method !== 'GET' && req.method !== 'HEAD') || extname(req.path) !== '') return next();
    const index = join(root, 'index.html');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    if (!existsSync(index)) return void res.status(503).type('html').send(notBuiltPage(root));
    res.sendFile(index);
  };
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** What a server started without a built back office says at /admin, in both languages. */
export function notBuiltPage(root: string): string {
  const where = escapeHtml(root);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>商户后台尚未构建 · Back office not built</title>
<style>body{font-family:system-ui,sans-serif;max-width:640px;margin:64px auto;padding:0 16px;line-height:1.6;color:#1f2329}code{background:#f3f5f8;padding:2px 4px}</style></head>
<body data-admin-status="not-built">
<h1>商户后台尚未构建</h1>
<p>服务器正在运行，但在 <code>${where}</code> 没有找到已构建的商户后台。请运行 <code>npm start</code>（会自动构建）或 <code>npm run build:admin</code>，然后刷新本页；也可以用环境变量 <code>HEXIAO_ADMIN_DIR</code> 指定已构建的目录。</p>
<h1 lang="en">The back office is not built</h1>
<p lang="en">The server is running, but there is no built back office in <code>${where}</code>. Run <code>npm start</code> (it builds it) or <code>npm run build:admin</code>, then reload this page; or point <code>HEXIAO_ADMIN_DIR</code> at a built copy.</p>
</body></html>`;
}
