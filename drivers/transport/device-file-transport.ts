import { open, type FileHandle } from 'node:fs/promises';
import { TransportError, type PrinterLink, type PrinterTransport } from './printer-transport';

/**
 * A USB printer class device (`/dev/usb/lp0`) or any file that takes raw bytes. Write-only:
 * no status and no print confirmation, so the queue can only say a job was sent.
 */
export class DeviceFileTransport implements PrinterTransport {
  readonly kind = 'device-file';
  readonly bidirectional = false;
  readonly address: string;

  constructor(private readonly path: string) {
    this.address = `file:${path}`;
  }

  async open(): Promise<PrinterLink> {
    try {
      return new DeviceFileLink(await open(this.path, 'a'));
    } catch (error) {
      throw new TransportError(`cannot open ${this.path}: ${(error as Error).message}`, 'connect_failed');
    }
  }
}

class DeviceFileLink implements PrinterLink {
  constructor(private readonly file: FileHandle) {}

  async write(bytes: Uint8Array): Promise<void> {
    try {
      await this.file.write(bytes);
    } catch (error) {
      throw new TransportError(`write failed: ${(error as Error).message}`, 'write_failed');
    }
  }

  onData(): void {}

  onClose(): void {}

  /** The kernel took every write; a device file offers nothing more to confirm. */
  async end(): Promise<void> {
    try {
      await this.file.close();
    } catch (error) {
      throw new TransportError(`close failed: ${(error as Error).message}`, 'write_failed');
    }
  }

  async close(): Promise<void> {
    await this.file.close().catch(() => undefined);
  }
}
