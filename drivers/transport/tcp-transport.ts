import net from 'node:net';
import { TransportError, type PrinterLink, type PrinterTransport } from './printer-transport';

export interface TcpTransportOptions {
  host: string;
  port?: number;
  connectTimeoutMs?: number;
}

/**
 * A network printer on port 9100. Print servers accept one client at a time, so a link is
 * opened per job or status check and closed right after, leaving the printer free for others.
 */
export class TcpTransport implements PrinterTransport {
  readonly kind = 'tcp';
  readonly bidirectional = true;
  readonly address: string;

  constructor(private readonly options: TcpTransportOptions) {
    this.address = `tcp://${options.host}:${options.port ?? 9100}`;
  }

  open(): Promise<PrinterLink> {
    const { host, port = 9100, connectTimeoutMs = 3000 } = this.options;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new TransportError(`no connection to ${this.address} within ${connectTimeoutMs} ms`, 'timeout'));
      }, connectTimeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new TransportError(`cannot connect to ${this.address}: ${error.message}`, 'connect_failed'));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new TcpLink(socket));
      });
    });
  }
}

/** A peer that never acknowledges our FIN must not hold the queue. */
const CLOSE_GRACE_MS = 2000;

class TcpLink implements PrinterLink {
  private closeListener: ((error: Error | null) => void) | null = null;
  private failure: Error | null = null;
  private readonly closed: Promise<void>;

  constructor(private readonly socket: net.Socket) {
    socket.on('error', (error) => {
      this.failure = error;
    });
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('close', () => this.closeListener?.(this.failure));
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.destroyed) {
        reject(new TransportError('the printer connection is closed', 'closed'));
        return;
      }
      this.socket.write(bytes, (error) => {
        if (error) reject(new TransportError(`write failed: ${error.message}`, 'write_failed'));
        else resolve();
      });
    });
  }

  onData(listener: (bytes: Buffer) => void): void {
    this.socket.on('data', listener);
  }

  onClose(listener: (error: Error | null) => void): void {
    this.closeListener = listener;
  }

  /**
   * FIN after the data, then the peer's own close: a print server closes its side once it has
   * read everything. A reset or socket error on the way means the bytes may not have arrived.
   */
  async end(): Promise<void> {
    if (this.failure) throw this.undelivered(this.failure);
    if (this.socket.destroyed) throw new TransportError('the printer closed the connection before the job was finished', 'closed');
    let sent = false;
    const flushed = new Promise<void>((resolve) =>
      this.socket.end(() => {
        sent = true;
        resolve();
      }),
    );
    const timer = setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS);
    timer.unref();
    await Promise.race([flushed.then(() => this.closed), this.closed]);
    clearTimeout(timer);
    if (this.failure) throw this.undelivered(this.failure);
    if (!sent) throw new TransportError('the connection closed before every byte was sent', 'closed');
  }

  close(): Promise<void> {
    if (this.socket.destroyed) return this.closed;
    this.socket.end();
    setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
    return this.closed;
  }

  private undelivered(error: Error): TransportError {
    return new TransportError(`delivery not confirmed: ${error.message}`, 'write_failed');
  }
}
