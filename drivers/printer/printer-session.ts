import type { PrinterFlags } from '../../core/hardware/printer-status';
import { TRANSMIT_PAPER_STATUS, automaticStatusBack, statusRequest } from '../escpos/commands';
import { ReplyReader } from '../escpos/reply-reader';
import { flagsFromAsb, flagsFromStatus, reportsError } from '../escpos/status-bytes';
import type { PrinterLink } from '../transport/printer-transport';

export interface SessionTimeouts {
  /** A `DLE EOT` reply comes at once, even from a busy printer. */
  statusMs: number;
  /** A printed job's `GS r 1` answer may wait for paper to be replaced. */
  confirmMs: number;
}

export const DEFAULT_TIMEOUTS: SessionTimeouts = { statusMs: 1500, confirmMs: 120_000 };

/** One open link with its reply reader: ask status, send a job, wait for its confirmation. */
export class PrinterSession {
  private readonly replies: ReplyReader;

  constructor(
    readonly link: PrinterLink,
    private readonly timeouts: SessionTimeouts,
    onAsbFlags: (flags: PrinterFlags) => void = () => undefined,
  ) {
    this.replies = new ReplyReader((block) => onAsbFlags(flagsFromAsb(block)));
    link.onData((bytes) => this.replies.push(bytes));
    link.onClose((error) => this.replies.abort(error ?? new Error('the printer link closed')));
  }

  async queryStatus(): Promise<PrinterFlags> {
    const ask = async (n: 1 | 2 | 3 | 4): Promise<number> => {
      await this.link.write(Buffer.from(statusRequest(n)));
      return this.replies.next('status', this.timeouts.statusMs);
    };
    const printer = await ask(1);
    const offlineCause = await ask(2);
    const paperSensor = await ask(4);
    const errorCause = reportsError(offlineCause) ? await ask(3) : undefined;
    return flagsFromStatus({ printer, offlineCause, paperSensor, errorCause });
  }

  /** Sends a job; with `confirm`, resolves only when the printer has processed its last byte. */
  async sendJob(bytes: Uint8Array, confirm: boolean): Promise<void> {
    if (!confirm) {
      await this.link.write(bytes);
      return;
    }
    const framed = Buffer.concat([
      Buffer.from(automaticStatusBack(true)),
      bytes,
      Buffer.from(TRANSMIT_PAPER_STATUS),
      Buffer.from(automaticStatusBack(false)),
    ]);
    const confirmed = this.replies.next('transmission', this.timeouts.confirmMs);
    confirmed.catch(() => undefined);
    await this.link.write(framed);
    await confirmed;
  }

  async write(bytes: Uint8Array): Promise<void> {
    await this.link.write(bytes);
  }

  /** Closes after the last byte; rejects when the transport cannot say the bytes went out cleanly. */
  end(): Promise<void> {
    this.replies.abort(new Error('session closed'));
    return this.link.end();
  }

  close(): Promise<void> {
    this.replies.abort(new Error('session closed'));
    return this.link.close();
  }
}
