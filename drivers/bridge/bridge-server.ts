import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { BRIDGE_PROTOCOL_VERSION, BRIDGE_TOKEN_PARAM, BridgeRequest, type BridgeEvent, type BridgeResponse } from '../../core/hardware/bridge-protocol';
import { hardwareFail } from '../../core/hardware/hardware-result';
import { handleBridgeRequest } from './bridge-handlers';
import type { HardwareSet } from './hardware-set';

export interface BridgeOptions {
  hardware: Pick<HardwareSet, 'printers' | 'scanners' | 'drawers'>;
  token: string;
  host?: string;
  port?: number;
  /** Origins allowed to connect; empty allows any page holding the token. */
  allowedOrigins?: readonly string[];
  log?: (message: string) => void;
}

export interface RunningBridge {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Serves the hardware as JSON over a WebSocket on loopback, to clients that present the token. */
export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const { hardware, token, host = '127.0.0.1', port = 0, allowedOrigins = [], log = () => undefined } = options;
  const server = http.createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('hexiao hardware bridge: connect with a WebSocket\n');
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });

  server.on('upgrade', (req, socket: Duplex, head) => {
    const url = new URL(req.url ?? '/', 'http://bridge');
    const origin = req.headers.origin;
    if (!tokenMatches(url.searchParams.get(BRIDGE_TOKEN_PARAM), token)) return refuse(socket, 401, 'Unauthorized');
    if (allowedOrigins.length > 0 && (!origin || !allowedOrigins.includes(origin))) return refuse(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });

  const broadcast = (event: BridgeEvent): void => {
    const text = JSON.stringify(event);
    for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(text);
  };
  const unsubscribe = [
    ...hardware.scanners.flatMap((s) => [
      s.onScan((scan) => broadcast({ type: 'event', event: 'scan', scan })),
      s.onStatus((status) => broadcast({ type: 'event', event: 'scannerStatus', scannerId: s.id, status })),
    ]),
    ...hardware.printers.flatMap(({ printer }) => [
      printer.onStatus((status) => broadcast({ type: 'event', event: 'printerStatus', printerId: printer.id, status })),
      printer.onJob((job) => broadcast({ type: 'event', event: 'job', job })),
    ]),
  ];

  wss.on('connection', (ws) => {
    ws.send(JSON.stringify({ type: 'event', event: 'hello', protocol: BRIDGE_PROTOCOL_VERSION } satisfies BridgeEvent));
    ws.on('message', (data) => {
      void respond(data.toString()).then((response) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(response));
      });
    });
  });

  const respond = async (text: string): Promise<BridgeResponse> => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return { type: 'response', id: null, result: hardwareFail('bad_request', 'not JSON', false) };
    }
    const parsed = BridgeRequest.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { id?: unknown } | null)?.id;
      return {
        type: 'response',
        id: typeof id === 'string' || typeof id === 'number' ? id : null,
        result: hardwareFail('bad_request', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), false),
      };
    }
    try {
      return { type: 'response', id: parsed.data.id, result: await handleBridgeRequest(hardware, parsed.data) };
    } catch (error) {
      log(`bridge request ${parsed.data.method} failed: ${(error as Error).message}`);
      return { type: 'response', id: parsed.data.id, result: hardwareFail('io_error', (error as Error).message) };
    }
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  log(`hardware bridge on ws://${host}:${actual}`);
  return {
    port: actual,
    url: `ws://${host}:${actual}/`,
    async close() {
      for (const off of unsubscribe) off();
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
