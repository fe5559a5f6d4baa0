import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hardwareFail, hardwareOk, type HardwareResult } from '../../core/hardware/hardware-result';
import { HardwareConfig, type SerialPortInfo } from '../../core/pos-hardware-config';

export interface HardwareConfigServiceOptions {
  token: string;
  /** The POS page's origin, allowed to call across origins; null allows none. */
  allowedOrigin: string | null;
  current(): HardwareConfig;
  /** Stores and applies a config (restarts the bridge); resolves when the bridge listens again. */
  apply(config: HardwareConfig): Promise<void>;
  serialPorts(): Promise<SerialPortInfo[]>;
  port?: number;
}

export interface RunningConfigService {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

/**
 * The one thing the bridge's protocol cannot do: change which devices it serves. This endpoint
 * beside it (loopback, same token, `GET/PUT /config`, `GET /serial-ports`) stores the manager's
 * choice and restarts the bridge with it. Answers are hardware results as JSON.
 */
export async function startHardwareConfigService(options: HardwareConfigServiceOptions): Promise<RunningConfigService> {
  let applying: Promise<unknown> = Promise.resolve();
  const server = createServer((req, res) => {
    if (options.allowedOrigin && req.headers.origin === options.allowedOrigin) {
      res.setHeader('access-control-allow-origin', options.allowedOrigin);
      res.setHeader('vary', 'origin');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, PUT',
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-max-age': '600',
      });
      return void res.end();
    }
    if (!authorized(req, options.token)) return send(res, 401, hardwareFail('bad_request', 'wrong or missing token', false));
    void route(req).then(
      ([status, body]) => send(res, status, body),
      (error: unknown) => send(res, 500, hardwareFail('io_error', error instanceof Error ? error.message : String(error))),
    );
  });

  async function route(req: IncomingMessage): Promise<[number, HardwareResult]> {
    const path = new URL(req.url ?? '/', 'http://config').pathname;
    if (path === '/config' && req.method === 'GET') return [200, hardwareOk({ config: options.current(), editable: true })];
    if (path === '/serial-ports' && req.method === 'GET') return [200, hardwareOk({ ports: await options.serialPorts() })];
    if (path !== '/config' || req.method !== 'PUT') return [404, hardwareFail('bad_request', `no ${req.method} ${path} here`, false)];
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (error) {
      return [400, hardwareFail('bad_request', error instanceof Error ? error.message : 'not JSON', false)];
    }
    const parsed = HardwareConfig.safeParse(body);
    if (!parsed.success) {
      return [400, hardwareFail('bad_request', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), false)];
    }
    const run = applying.then(() => options.apply(parsed.data));
    applying = run.catch(() => undefined);
    await run;
    return [200, hardwareOk({ config: parsed.data })];
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function authorized(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('the config is too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: HardwareResult): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}
