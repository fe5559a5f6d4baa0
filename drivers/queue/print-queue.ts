import { EventEmitter } from 'node:events';
import { v7 as uuidv7 } from 'uuid';
import type { PrintJobSummary } from '../../core/hardware/devices';
import { hardwareFail, hardwareOk, type HardwareResult } from '../../core/hardware/hardware-result';
import type { PrinterProfile } from '../../core/hardware/printer-profile';
import { canPrint, printerStatus, statusFailure, unknownPrinterStatus, type PrinterStatus } from '../../core/hardware/printer-status';
import { DEFAULT_TIMEOUTS, PrinterSession, type SessionTimeouts } from '../printer/printer-session';
import type { PrinterTransport } from '../transport/printer-transport';
import { JobJournal, type StoredJob } from './job-journal';
import { Wakeup } from './wakeup';

export interface PrintQueueOptions {
  printerId: string;
  transport: PrinterTransport;
  profile: PrinterProfile;
  /** Folder of the job journal; one file per printer. */
  dataDir: string;
  backoff?: { initialMs: number; maxMs: number };
  /** Status check while idle; 0 turns it off. */
  idlePollMs?: number;
  timeouts?: SessionTimeouts;
  log?: (message: string) => void;
}

const FINISHED = new Set(['printed', 'sent', 'failed']);

/**
 * The jobs of one printer, in order, journaled before they are acknowledged. A worker sends one
 * job at a time over one link: status first (`DLE EOT`), then the bytes, then, where the profile
 * supports it, the printer's confirmation. Offline, out of paper or cover open: the job waits and
 * is retried with backoff; nothing is dropped.
 */
export class PrintQueue {
  readonly printerId: string;
  private readonly journal: JobJournal;
  private readonly events = new EventEmitter();
  private readonly wakeup = new Wakeup();
  private lock: Promise<unknown> = Promise.resolve();
  private running = false;
  private stopped = false;
  private loopDone: Promise<void> = Promise.resolve();
  private current: PrinterStatus = unknownPrinterStatus(new Date());
  private activeSession: PrinterSession | null = null;

  constructor(private readonly options: PrintQueueOptions) {
    this.printerId = options.printerId;
    this.journal = new JobJournal(options.dataDir, options.printerId);
    this.events.setMaxListeners(100);
  }

  get profile(): PrinterProfile {
    return this.options.profile;
  }

  start(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.running = false;
    this.wakeup.wake();
    // A job waiting minutes for its confirmation stays in the journal and is retried on restart.
    await this.activeSession?.close();
    await this.loopDone;
    await this.lock;
    this.journal.close();
  }

  enqueue(bytes: Uint8Array, label: string, reprintOf: string | null = null): PrintJobSummary {
    const job: StoredJob = {
      id: uuidv7(),
      printerId: this.printerId,
      label,
      createdAt: new Date().toISOString(),
      bytesBase64: Buffer.from(bytes).toString('base64'),
      reprintOf,
      state: 'queued',
      attempts: 0,
      finishedAt: null,
      lastError: null,
    };
    this.journal.add(job);
    this.emitJob(job);
    this.wakeup.wake();
    return summarize(job);
  }

  reprint(jobId: string): HardwareResult<{ job: PrintJobSummary }> {
    const original = this.journal.get(jobId);
    if (!original) return hardwareFail('job_not_found', `no print job ${jobId} on ${this.printerId}`, false);
    return hardwareOk({ job: this.enqueue(Buffer.from(original.bytesBase64, 'base64'), original.label, jobId) });
  }

  jobs(): PrintJobSummary[] {
    return this.journal.all().map(summarize);
  }

  job(jobId: string): PrintJobSummary | undefined {
    const job = this.journal.get(jobId);
    return job && summarize(job);
  }

  waitFor(jobId: string): Promise<PrintJobSummary | undefined> {
    const job = this.job(jobId);
    if (!job || FINISHED.has(job.state)) return Promise.resolve(job);
    return new Promise((resolve) => {
      const off = this.onJob((j) => {
        if (j.id === jobId && FINISHED.has(j.state)) {
          off();
          resolve(j);
        }
      });
    });
  }

  lastStatus(): PrinterStatus {
    return this.current;
  }

  /** Asks the printer now (waits for a job in progress to finish using the link). */
  status(): Promise<PrinterStatus> {
    return this.exclusive(() => this.checkStatus());
  }

  /** Bytes that must not be journaled or repeated, such as a drawer kick. */
  sendNow(bytes: Uint8Array): Promise<HardwareResult> {
    return this.exclusive(async () => {
      const session = await this.openSession();
      if (!session) return hardwareFail('not_connected', `cannot reach the printer at ${this.options.transport.address}`);
      try {
        await session.write(bytes);
        return hardwareOk({});
      } catch (error) {
        return hardwareFail('io_error', (error as Error).message);
      } finally {
        await this.closeSession(session);
      }
    });
  }

  /** Retry waiting jobs at once, e.g. after the cashier replaced the paper. */
  retryNow(): void {
    this.wakeup.wake();
  }

  onJob(listener: (job: PrintJobSummary) => void): () => void {
    this.events.on('job', listener);
    return () => this.events.off('job', listener);
  }

  onStatus(listener: (status: PrinterStatus) => void): () => void {
    this.events.on('status', listener);
    return () => this.events.off('status', listener);
  }

  private async loop(): Promise<void> {
    const { initialMs, maxMs } = this.options.backoff ?? { initialMs: 500, maxMs: 30_000 };
    const idlePollMs = this.options.idlePollMs ?? 15_000;
    let delay = initialMs;
    while (this.running) {
      const job = this.journal.all().find((j) => j.state === 'queued' || j.state === 'waiting');
      if (!job) {
        const woken = await this.wakeup.sleep(idlePollMs > 0 ? idlePollMs : 2 ** 31 - 1);
        if (!woken && this.running && idlePollMs > 0) await this.status();
        continue;
      }
      const done = await this.exclusive(() => this.attempt(job));
      if (done) {
        delay = initialMs;
        continue;
      }
      await this.wakeup.sleep(delay);
      delay = Math.min(maxMs, delay * 2);
    }
  }

  private async attempt(job: StoredJob): Promise<boolean> {
    const session = await this.openSession();
    if (!session) return this.keepWaiting(job, `cannot reach the printer at ${this.options.transport.address}`);
    const { transport, profile } = this.options;
    const confirm = transport.bidirectional && profile.printConfirmation;
    let written = false;
    try {
      if (transport.bidirectional && profile.statusQueries) {
        const status = await this.readStatus(session);
        if (!canPrint(status)) return this.keepWaiting(job, statusFailure(status).message);
      }
      this.update(job, { state: 'printing', attempts: job.attempts + 1 });
      written = true;
      await session.sendJob(Buffer.from(job.bytesBase64, 'base64'), confirm);
      this.update(job, { state: confirm ? 'printed' : 'sent', finishedAt: new Date().toISOString(), lastError: null });
      return true;
    } catch (error) {
      const message = (error as Error).message;
      if (written && confirm && /no transmission reply/.test(message)) {
        // The bytes left; resending could print twice. The cashier decides and reprints.
        this.update(job, { state: 'failed', finishedAt: new Date().toISOString(), lastError: `not confirmed: ${message}` });
        return true;
      }
      this.setStatus(unknownPrinterStatus(new Date(), true));
      return this.keepWaiting(job, message);
    } finally {
      await this.closeSession(session);
    }
  }

  private keepWaiting(job: StoredJob, reason: string): false {
    this.options.log?.(`print job ${job.id} waits: ${reason}`);
    this.update(job, { state: 'waiting', lastError: reason });
    return false;
  }

  private async checkStatus(): Promise<PrinterStatus> {
    const { transport, profile } = this.options;
    if (!transport.bidirectional || !profile.statusQueries) return this.current;
    const session = await this.openSession();
    if (!session) return this.current;
    try {
      return await this.readStatus(session);
    } catch {
      this.setStatus(unknownPrinterStatus(new Date(), true));
      return this.current;
    } finally {
      await this.closeSession(session);
    }
  }

  private async readStatus(session: PrinterSession): Promise<PrinterStatus> {
    const status = printerStatus(await session.queryStatus(), new Date());
    this.setStatus(status);
    return status;
  }

  private async openSession(): Promise<PrinterSession | null> {
    try {
      const link = await this.options.transport.open();
      const session = new PrinterSession(link, this.options.timeouts ?? DEFAULT_TIMEOUTS, (flags) =>
        this.setStatus(printerStatus(flags, new Date())),
      );
      this.activeSession = session;
      return session;
    } catch (error) {
      this.options.log?.(`printer ${this.printerId}: ${(error as Error).message}`);
      this.setStatus(unknownPrinterStatus(new Date(), true));
      return null;
    }
  }

  private async closeSession(session: PrinterSession): Promise<void> {
    if (this.activeSession === session) this.activeSession = null;
    await session.close();
  }

  private setStatus(status: PrinterStatus): void {
    const changed = status.state !== this.current.state || JSON.stringify(status.flags) !== JSON.stringify(this.current.flags);
    this.current = status;
    if (changed) this.events.emit('status', status);
  }

  private update(job: StoredJob, patch: Partial<StoredJob>): void {
    this.emitJob(this.journal.update(job.id, patch));
  }

  private emitJob(job: StoredJob): void {
    this.events.emit('job', summarize(job));
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lock.then(work, work);
    this.lock = run.catch(() => undefined);
    return run;
  }
}

function summarize(job: StoredJob): PrintJobSummary {
  const { bytesBase64: _bytes, ...summary } = job;
  return { ...summary };
}
