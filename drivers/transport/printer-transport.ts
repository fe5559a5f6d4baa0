/** One open connection to a printer. Bytes written resolve once handed to the OS (drained). */
export interface PrinterLink {
  write(bytes: Uint8Array): Promise<void>;
  /** Bytes the printer sends back; never called on a write-only link. */
  onData(listener: (bytes: Buffer) => void): void;
  /** Called once if the link drops on its own (printer unplugged, peer closed). */
  onClose(listener: (error: Error | null) => void): void;
  /**
   * Closes in order after every written byte, and says whether that went cleanly: the transport's
   * own proof of delivery when the printer confirms nothing. Rejects on a reset or error.
   */
  end(): Promise<void>;
  /** Best effort, for giving up; never rejects. */
  close(): Promise<void>;
}

export interface PrinterTransport {
  readonly kind: 'tcp' | 'serial' | 'device-file';
  /** For logs and the UI: `tcp://10.0.0.5:9100`, `serial:/dev/ttyUSB0`, `file:/dev/usb/lp0`. */
  readonly address: string;
  /** Whether the printer can answer (status, print confirmation) over this link. */
  readonly bidirectional: boolean;
  open(): Promise<PrinterLink>;
}

export class TransportError extends Error {
  constructor(
    message: string,
    readonly code: 'connect_failed' | 'write_failed' | 'closed' | 'timeout',
  ) {
    super(message);
    this.name = 'TransportError';
  }
}
