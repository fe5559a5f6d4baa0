import { EventEmitter } from 'node:events';
import { stat } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import type { BarcodeScanner, Scan, ScannerStatus } from '../../core/hardware/devices';
import { classifyScan, type ScanClassifierOptions } from '../../core/hardware/scan-kind';
import { findPort, type PortInfo, type PortMatch } from './port-match';
import { LineSplitter, type IgnoredInput } from './line-splitter';
import { RepeatFilter } from './repeat-filter';

export interface SerialScannerOptions {
  id: string;
  /** A fixed path (prefer `/dev/serial/by-id/…` on Linux) … */
  path?: string;
  /** … or the USB identity to look for in `SerialPort.list()`, which survives a change of path. */
  match?: PortMatch;
  baudRate?: number;
  maxLineLength?: number;
  debounceMs?: number;
  reconnect?: { initialMs: number; maxMs: number };
  /** How often to check that the device is still there (Windows may not report a close). */
  listPollMs?: number;
  classifier?: ScanClassifierOptions;
  /** The OS port enumeration; `SerialPort.list` unless a test supplies its own. */
  listPorts?: () => Promise<PortInfo[]>;
  log?: (message: string) => void;
}

/**
 * A serial (or USB-CDC) barcode scanner: reads lines, validates and classifies them, drops
 * repeats, and keeps itself connected: on unplug it reports `disconnected` and reopens with
 * backoff, finding the device again by path or by vendor/product id.
 */
export class SerialScanner implements BarcodeScanner {
  readonly id: string;
  private readonly events = new EventEmitter();
  private port: SerialPort | null = null;
  private current: ScannerStatus;
  private running = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private delay: number;
  private splitter: LineSplitter;
  private readonly repeats: RepeatFilter;

  constructor(private readonly options: SerialScannerOptions) {
    if (!options.path && !options.match) throw new Error('a scanner needs a path or a USB match');
    this.id = options.id;
    this.delay = options.reconnect?.initialMs ?? 250;
    this.splitter = new LineSplitter(options.maxLineLength ?? 256);
    this.repeats = new RepeatFilter(options.debounceMs ?? 400);
    this.current = this.statusOf('closed', null, null);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.setStatus(this.statusOf('closed', null, null));
  }

  status(): ScannerStatus {
    return this.current;
  }

  onScan(listener: (scan: Scan) => void): () => void {
    this.events.on('scan', listener);
    return () => this.events.off('scan', listener);
  }

  onStatus(listener: (status: ScannerStatus) => void): () => void {
    this.events.on('status', listener);
    return () => this.events.off('status', listener);
  }

  /** Lines dropped before they became scans (noise, over-long, repeats), with the reason. */
  onIgnored(listener: (ignored: IgnoredInput) => void): () => void {
    this.events.on('ignored', listener);
    return () => this.events.off('ignored', listener);
  }

  private async connect(): Promise<void> {
    this.retryTimer = null;
    if (!this.running) return;
    this.setStatus(this.statusOf('connecting', this.current.path, this.current.lastError));
    const path = await this.resolvePath();
    if (!path) return this.retry('no matching serial device is plugged in', null);
    const port = new SerialPort({ path, baudRate: this.options.baudRate ?? 9600, autoOpen: false });
    const opened = await new Promise<Error | null>((resolve) => port.open((error) => resolve(error ?? null)));
    if (opened) return this.retry(opened.message, path);
    if (!this.running) {
      port.close();
      return;
    }
    this.port = port;
    this.splitter = new LineSplitter(this.options.maxLineLength ?? 256);
    this.delay = this.options.reconnect?.initialMs ?? 250;
    port.on('data', (chunk: Buffer) => this.receive(chunk));
    port.on('error', (error: Error) => this.options.log?.(`scanner ${this.id}: ${error.message}`));
    port.on('close', () => {
      if (this.port !== port) return;
      this.port = null;
      if (this.pollTimer) clearInterval(this.pollTimer);
      this.retry('the scanner was unplugged', path);
    });
    this.watch(port, (await deviceId(path)) ?? -1);
    this.setStatus(this.statusOf('connected', path, null));
  }

  private retry(reason: string, path: string | null): void {
    if (!this.running) return;
    this.options.log?.(`scanner ${this.id}: ${reason}; retrying in ${this.delay} ms`);
    this.setStatus(this.statusOf('disconnected', path, reason));
    this.retryTimer = setTimeout(() => void this.connect(), this.delay);
    this.delay = Math.min(this.options.reconnect?.maxMs ?? 5000, this.delay * 2);
  }

  private async resolvePath(): Promise<string | null> {
    if (!this.options.match) return this.options.path ?? null;
    try {
      const ports = await (this.options.listPorts ?? (() => SerialPort.list()))();
      return findPort(ports, this.options.match)?.path ?? null;
    } catch (error) {
      this.options.log?.(`scanner ${this.id}: cannot list serial ports: ${(error as Error).message}`);
      return null;
    }
  }

  /**
   * Notices an unplug the port itself does not report: a matched device gone from the listing,
   * or the path gone or pointing at another device (a pty's close is not always signalled).
   */
  private watch(port: SerialPort, openedDevice: number): void {
    this.pollTimer = setInterval(() => {
      const check = this.options.match
        ? this.resolvePath().then((path) => path === port.path)
        : deviceId(port.path).then((id) => id === openedDevice);
      void check.then((same) => {
        if (this.port === port && !same) port.close();
      });
    }, this.options.listPollMs ?? 1500);
  }

  private receive(chunk: Buffer): void {
    const { lines, ignored } = this.splitter.push(chunk);
    for (const item of ignored) this.ignore(item);
    for (const value of lines) {
      if (!this.repeats.accept(value)) {
        this.ignore({ reason: 'repeat within debounce window', preview: value.slice(0, 16) });
        continue;
      }
      const scan: Scan = { scannerId: this.id, value, kind: classifyScan(value, this.options.classifier), at: new Date().toISOString() };
      this.events.emit('scan', scan);
    }
  }

  private ignore(item: IgnoredInput): void {
    this.options.log?.(`scanner ${this.id} ignored input (${item.reason}): ${item.preview}`);
    this.events.emit('ignored', item);
  }

  private statusOf(state: ScannerStatus['state'], path: string | null, lastError: string | null): ScannerStatus {
    return { state, path, lastError, at: new Date().toISOString() };
  }

  private setStatus(status: ScannerStatus): void {
    const changed = status.state !== this.current.state || status.path !== this.current.path;
    this.current = status;
    if (changed) this.events.emit('status', status);
  }
}

async function deviceId(path: string): Promise<number | null> {
  try {
    return (await stat(path)).rdev;
  } catch {
    return null;
  }
}
