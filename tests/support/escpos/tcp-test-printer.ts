import net from 'node:net';
import { PrinterSimulator } from './printer-simulator';

export interface TcpTestPrinterOptions {
  /** False: a print server (or a printer with status off) that takes bytes and never says a word. */
  answers?: boolean;
  /** Resets the connection (RST) as soon as a cut arrives, before the client closes. */
  resetOnCut?: boolean;
}

/**
 * A network printer on 127.0.0.1 (port 0): accepts one client at a time like a print server,
 * captures every connection's bytes and answers status requests through a `PrinterSimulator`.
 */
export class TcpTestPrinter {
  readonly sessions: Buffer[] = [];
  readonly simulator: PrinterSimulator;
  /** Whether it answers `DLE EOT` and `GS r`; may be switched while running. */
  answers: boolean;
  private server: net.Server | null = null;
  private active: net.Socket | null = null;
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly options: TcpTestPrinterOptions = {}) {
    this.answers = options.answers ?? true;
    this.simulator = new PrinterSimulator((bytes) => {
      if (this.answers) this.active?.write(bytes);
    });
  }

  async start(port = 0): Promise<number> {
    this.server = net.createServer((socket) => this.accept(socket));
    this.server.maxConnections = 1;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    return (this.server.address() as net.AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.active?.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Sessions that carried a print job (they start with `ESC @`), in arrival order. */
  jobs(): Buffer[] {
    return this.sessions.filter((s) => s.includes(Buffer.from([0x1b, 0x40])));
  }

  /** Resolves once `count` print jobs have arrived and their connections closed. */
  waitForJobs(count: number): Promise<Buffer[]> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.jobs().length >= count) resolve(this.jobs());
        else this.listeners.push(check);
      };
      check();
    });
  }

  private accept(socket: net.Socket): void {
    this.active = socket;
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const cuts = this.simulator.cuts;
      this.simulator.receive(chunk);
      if (this.options.resetOnCut && this.simulator.cuts > cuts) socket.resetAndDestroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.active === socket) this.active = null;
      this.sessions.push(Buffer.concat(chunks));
      for (const listener of this.listeners.splice(0)) listener();
    });
  }
}
