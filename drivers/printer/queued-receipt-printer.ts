import type { CashDrawer, PrintJobSummary, ReceiptPrinter } from '../../core/hardware/devices';
import { hardwareFail, hardwareOk, type HardwareResult } from '../../core/hardware/hardware-result';
import type { PrinterStatus } from '../../core/hardware/printer-status';
import type { ReceiptDocument } from '../../core/receipt/document';
import { drawerKick } from '../escpos/commands';
import { encodeReceipt } from '../escpos/escpos-encoder';
import type { PrintQueue } from '../queue/print-queue';

/** `ReceiptPrinter` over a persistent queue: documents are encoded with the queue's profile. */
export class QueuedReceiptPrinter implements ReceiptPrinter {
  readonly id: string;

  constructor(private readonly queue: PrintQueue) {
    this.id = queue.printerId;
  }

  async print(document: ReceiptDocument, label = 'receipt'): Promise<HardwareResult<{ jobId: string }>> {
    let bytes: Buffer;
    try {
      bytes = encodeReceipt(document, this.queue.profile);
    } catch (error) {
      return hardwareFail('invalid_document', (error as Error).message, false);
    }
    return hardwareOk({ jobId: this.queue.enqueue(bytes, label).id });
  }

  async waitForJob(jobId: string): Promise<HardwareResult<{ job: PrintJobSummary }>> {
    const job = await this.queue.waitFor(jobId);
    if (!job) return hardwareFail('job_not_found', `no print job ${jobId} on ${this.id}`, false);
    if (job.state === 'failed') return hardwareFail('printer_error', job.lastError ?? 'the job failed', true);
    return hardwareOk({ job });
  }

  async reprint(jobId: string): Promise<HardwareResult<{ jobId: string }>> {
    const result = this.queue.reprint(jobId);
    return result.ok ? hardwareOk({ jobId: result.job.id }) : result;
  }

  jobs(): PrintJobSummary[] {
    return this.queue.jobs();
  }

  status(): Promise<PrinterStatus> {
    return this.queue.status();
  }

  onStatus(listener: (status: PrinterStatus) => void): () => void {
    return this.queue.onStatus(listener);
  }

  onJob(listener: (job: PrintJobSummary) => void): () => void {
    return this.queue.onJob(listener);
  }
}

/** A cash drawer wired to a printer's kick-out port; the kick is sent now, never queued or replayed. */
export class PrinterCashDrawer implements CashDrawer {
  constructor(
    readonly id: string,
    private readonly queue: PrintQueue,
    private readonly pin: 2 | 5 = 2,
  ) {}

  open(): Promise<HardwareResult> {
    if (!this.queue.profile.drawer) return Promise.resolve(hardwareFail('unsupported', `printer ${this.queue.printerId} has no drawer port`, false));
    return this.queue.sendNow(Buffer.from(drawerKick(this.pin)));
  }
}
