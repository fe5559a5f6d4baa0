import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/server/cli';
import { NginxProcess } from './support/nginx';
import { freePort } from './support/server-node';

/**
 * deploy/nginx/hexiao.conf as an operator installs it — the deploy's own includes, a certificate
 * (self-signed here) where the OPERATOR lines say, only the listen addresses moved to free ports
 * on loopback — served by real nginx: HTTP sends to HTTPS, HTTPS answers with HSTS, and with no
 * node running the refusal is the server's JSON shape.
 */
describe('the TLS site configuration', () => {
  const certDir = mkdtempSync(join(tmpdir(), 'hexiao-tls-'));
  let nginx: NginxProcess | undefined;
  afterAll(async () => {
    await nginx?.stop();
    rmSync(certDir, { recursive: true, force: true });
  });

  it('redirects HTTP to HTTPS and serves HTTPS with the operator certificate', async () => {
    const cert = join(certDir, 'fullchain.pem');
    const key = join(certDir, 'privkey.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=pos.example.com', '-addext', 'subjectAltName=DNS:pos.example.com', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    const [httpPort, httpsPort] = [await freePort(), await freePort()];
    nginx = new NginxProcess(httpsPort, [], (prefix) =>
      readFileSync(join(REPO_ROOT, 'deploy/nginx/hexiao.conf'), 'utf8')
        .replaceAll('/etc/nginx/hexiao/', join(REPO_ROOT, 'deploy/nginx/'))
        .replace('/etc/ssl/hexiao/fullchain.pem', cert)
        .replace('/etc/ssl/hexiao/privkey.pem', key)
        .replaceAll('/var/log/nginx/', `${prefix}/logs/`)
        .replace(/^\s*listen \[::\].*$/gm, '')
        .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
        .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`),
    );
    await nginx.start();

    const plain = await new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
      const req = httpGet({ host: '127.0.0.1', port: httpPort, path: '/api/v1/health', headers: { host: 'pos.example.com' } }, (res) => {
        res.resume().on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
      });
      req.on('error', reject);
    });
    expect(plain).toEqual({ status: 301, location: 'https://pos.example.com/api/v1/health' });

    const secureGet = (path: string) =>
      new Promise<{ status: number; hsts: string | undefined; body: string }>((resolve, reject) => {
        const req = get({ host: '127.0.0.1', port: httpsPort, path, servername: 'pos.example.com', headers: { host: 'pos.example.com' }, ca: readFileSync(cert) }, (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, hsts: res.headers['strict-transport-security'], body }));
        });
        req.on('error', reject);
      });
    const secure = await secureGet('/api/v1/health');
    // Metrics are scraped from each node, never through the public proxy.
    const metrics = await secureGet('/metrics');
    expect([metrics.status, (JSON.parse(metrics.body) as { error: { code: string } }).error.code]).toEqual([404, 'NOT_FOUND']);
    // The operator's upstream ports (8701–8703) have no node here.
    expect(secure.status).toBe(502);
    expect(secure.hsts).toBe('max-age=31536000');
    expect(JSON.parse(secure.body)).toEqual({ error: { code: 'UNAVAILABLE', message: 'no server node answered: try again' } });
  }, 30_000);
});
