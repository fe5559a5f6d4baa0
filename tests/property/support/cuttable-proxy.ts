import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type ProxyMode =
  /** Bytes flow both ways. */
  | 'open'
  /** Connections are refused and open ones are cut: the server is out of reach. */
  | 'cut'
  /** Requests reach the server but its answers are cut off: it acts, the client never learns. */
  | 'dropAnswers'
  /** Answers wait `holdMs` before they flow: a slow link, long enough to act in between. */
  | 'slow';

/**
 * A TCP proxy on 127.0.0.1 in front of a real server, for outages without stopping the server:
 * cut it, drop answers after the server acted, or slow them down.
 */
export interface CuttableProxy {
  url: string;
  mode: ProxyMode;
  holdMs: number;
  set(mode: ProxyMode): void;
  /** Connections that delivered a request while answers were being dropped. */
  readonly droppedAnswers: number;
  close(): Promise<void>;
}

export async function startCuttableProxy(target: { host: string; port: number }): Promise<CuttableProxy> {
  const sockets = new Set<Socket>();
  let dropped = 0;
  const cutAll = (): void => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };

  const server: Server = createServer((client) => {
    if (proxy.mode === 'cut') {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    const forget = (): void => {
      sockets.delete(client);
      sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', forget);
    upstream.on('error', forget);
    client.on('close', forget);
    upstream.on('close', forget);
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      if (proxy.mode === 'dropAnswers') {
        dropped += 1;
        forget();
      } else if (proxy.mode === 'slow') {
        upstream.pause();
        setTimeout(() => {
          if (!client.destroyed) client.write(chunk);
          upstream.resume();
        }, proxy.holdMs);
      } else {
        client.write(chunk);
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));

  const proxy: CuttableProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    mode: 'open',
    holdMs: 1_000,
    set(mode) {
      proxy.mode = mode;
      if (mode === 'cut') cutAll();
    },
    get droppedAnswers() {
      return dropped;
    },
    close: () =>
      new Promise<void>((done) => {
        cutAll();
        server.close(() => done());
      }),
  };
  return proxy;
}
