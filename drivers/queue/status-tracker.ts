import { EventEmitter } from 'node:events';
import type { PrinterProfile } from '../../core/hardware/printer-profile';
import { printerStatus, unknownPrinterStatus, type PrinterFlags, type PrinterStatus, type StatusQueries } from '../../core/hardware/printer-status';
import { NoReplyError } from '../escpos/reply-reader';
import type { PrinterSession } from '../printer/printer-session';

/**
 * What a print queue knows of its printer's state, and how it learns it: by asking (`on`), not at
 * all (`off`, `writeOnly`), or no longer, because the printer never answered (`noReply`).
 * Listeners hear of changes only.
 */
export class StatusTracker {
  private mode: StatusQueries;
  private current: PrinterStatus;
  private readonly events = new EventEmitter();

  constructor(
    bidirectional: boolean,
    profile: PrinterProfile,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.mode = !bidirectional ? 'writeOnly' : profile.statusQueries ? 'on' : 'off';
    this.current = unknownPrinterStatus(new Date(), false, this.mode);
    this.events.setMaxListeners(100);
  }

  get queries(): StatusQueries {
    return this.mode;
  }

  get last(): PrinterStatus {
    return this.current;
  }

  /** Whether a status check may ask the printer: a silent one is asked again, in case it now answers. */
  get asks(): boolean {
    return this.mode === 'on' || this.mode === 'noReply';
  }

  /** The printer could not be reached at all. */
  unreachable(): void {
    this.set(unknownPrinterStatus(new Date(), true, this.mode));
  }

  /** Reached, but its state is not asked. */
  reachedUnasked(): void {
    this.set(unknownPrinterStatus(new Date(), false, this.mode));
  }

  /** Automatic Status Back blocks pushed while a job waits for its confirmation. */
  pushed(flags: PrinterFlags): void {
    this.set(printerStatus(flags, new Date()));
  }

  /** `DLE EOT`; a printer that stays silent is noted (`noReply`) and reported unknown, not offline. */
  async probe(session: PrinterSession, printerId: string): Promise<PrinterStatus> {
    try {
      const status = printerStatus(await session.queryStatus(), new Date());
      this.mode = 'on';
      this.set(status);
      return status;
    } catch (error) {
      if (!(error instanceof NoReplyError)) throw error;
      if (this.mode !== 'noReply') this.log(`printer ${printerId} does not answer DLE EOT: printing without status`);
      this.mode = 'noReply';
      this.set(unknownPrinterStatus(new Date(), false, 'noReply'));
      return this.current;
    }
  }

  onChange(listener: (status: PrinterStatus) => void): () => void {
    this.events.on('status', listener);
    return () => this.events.off('status', listener);
  }

  private set(status: PrinterStatus): void {
    const was = this.current;
    this.current = status;
    const changed = status.state !== was.state || status.queries !== was.queries || JSON.stringify(status.flags) !== JSON.stringify(was.flags);
    if (changed) this.events.emit('status', status);
  }
}
