import { SerialPort } from 'serialport';
import type { SerialSettings } from '../../core/hardware/printer-profile';
import { TransportError, type PrinterLink, type PrinterTransport } from './printer-transport';

/** A serial printer (RS-232 or a USB-serial adapter); writes wait for `drain` before resolving. */
export class SerialTransport implements PrinterTransport {
  readonly kind = 'serial';
  readonly bidirectional = true;
  readonly address: string;

  constructor(
    private readonly path: string,
    private readonly settings: SerialSettings = { baudRate: 9600, flowControl: 'none' },
  ) {
    this.address = `serial:${path}`;
  }

  open(): Promise<PrinterLink> {
    const port = new SerialPort({
      path: this.path,
      baudRate: this.settings.baudRate,
      rtscts: this.settings.flowControl === 'rtscts',
      xon: this.settings.flowControl === 'xonxoff',
      xoff: this.settings.flowControl === 'xonxoff',
      autoOpen: false,
    });
    return new Promise((resolve, reject) => {
      port.open((error) => {
        if (error) reject(new TransportError(`cannot open ${this.path}: ${error.message}`, 'connect_failed'));
        else resolve(new SerialLink(port));
      });
    });
  }
}

class SerialLink implements PrinterLink {
  constructor(private readonly port: SerialPort) {
    port.on('error', () => undefined);
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.port.isOpen) {
        reject(new TransportError('the serial port is closed', 'closed'));
        return;
      }
      this.port.write(Buffer.from(bytes), (error) => {
        if (error) {
          reject(new TransportError(`write failed: ${error.message}`, 'write_failed'));
          return;
        }
        this.port.drain((drainError) => {
          if (drainError) reject(new TransportError(`drain failed: ${drainError.message}`, 'write_failed'));
          else resolve();
        });
      });
    });
  }

  onData(listener: (bytes: Buffer) => void): void {
    this.port.on('data', listener);
  }

  onClose(listener: (error: Error | null) => void): void {
    this.port.on('close', (error: Error | null) => listener(error ?? null));
  }

  /** Every write already waited for `drain`: the bytes have left the port. */
  async end(): Promise<void> {
    if (!this.port.isOpen) throw new TransportError('the serial port closed before the job was finished', 'closed');
    await this.close();
  }

  close(): Promise<void> {
    if (!this.port.isOpen) return Promise.resolve();
    return new Promise((resolve) => this.port.close(() => resolve()));
  }
}
