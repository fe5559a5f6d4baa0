import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a server. While `cutAfterBodyBytes` is set, it forwards each
 * response's headers and that many bytes of its body, then cuts both connections: the client sees
 * a response that started and never finished, as on a flaky store network.
 */
export class CuttingProxy {
  cutAfterBodyBytes: number | null = null;
  cuts = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: { host: string; port: number }): Promise<CuttingProxy> {
    const relays: { to?: CuttingProxy } = {};
    const server = createServer((client) => relays.to?.relay(client, target));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    relays.to = new CuttingProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return relays.to;
  }

  private relay(client: Socket, target: { host: string; port: number }): void {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream);
    let seen = Buffer.alloc(0);
    upstream.on('data', (chunk: Buffer) => {
      if (this.cutAfterBodyBytes === null) {
        client.write(chunk);
        return;
      }
      seen = Buffer.concat([seen, chunk]);
      const headerEnd = seen.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const keep = headerEnd + 4 + this.cutAfterBodyBytes;
      if (seen.length < keep) return;
      client.write(seen.subarray(0, keep));
      this.cuts += 1;
      client.destroy();
      upstream.destroy();
    });
    upstream.on('end', () => client.end());
    client.on('close', () => upstream.destroy());
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((done) => this.server.close(() => done()));
  }
}
