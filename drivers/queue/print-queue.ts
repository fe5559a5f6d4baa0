import { EventEmitter } from 'node:events';
import { v7 as uuidv7 } from 'uuid';
import type { PrintJobSummary } from '../../core/hardware/devices';
import { hardwareFail, hardwareOk, type HardwareResult } from '../../core/hardware/hardware-result';
import type { PrinterProfile } from '../../core/hardware/printer-profile';
import { canPrint, statusFailure, type PrinterStatus } from '../../core/hardware/printer-status';
import { NoReplyError } from '../escpos/reply-reader';
import { DEFAULT_TIMEOUTS, PrinterSession, type SessionTimeouts } from '../printer/printer-session';
import type { PrinterTransport } from '../transport/printer-transport';
import { JobJournal, type StoredJob } from './job-journal';
import { StatusTracker } from './status-tracker';
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
 * is retried with backoff; nothing is dropped. A printer that never answers `DLE EOT` (a print
 * server, status switched off) is not offline: its jobs go out unasked, and the transport's clean
 * close is the proof of delivery.
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
  private readonly tracker: StatusTracker;
  private activeSession: PrinterSession | null = null;

  constructor(private readonly options: PrintQueueOptions) {
    this.printerId = options.printerId;
    this.tracker = new StatusTracker(options.transport.bidirectional, options.profile, options.log);
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
    return this.tracker.last;
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
    return this.tracker.onChange(listener);
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
    let confirm = false;
    let written = false;
    try {
      if (this.tracker.queries === 'on') {
        const status = await this.tracker.probe(session, this.printerId);
        if (!canPrint(status)) return this.keepWaiting(job, statusFailure(status).message);
      } else {
        this.tracker.reachedUnasked();
      }
      // Checked after the probe: a printer that never answers `DLE EOT` will not answer `GS r 1`.
      confirm = this.tracker.queries === 'on' && this.options.profile.printConfirmation;
      this.update(job, { state: 'printing', attempts: job.attempts + 1 });
      await session.sendJob(Buffer.from(job.bytesBase64, 'base64'), confirm);
      written = true;
      if (!confirm) await session.end();
      this.update(job, { state: confirm ? 'printed' : 'sent', finishedAt: new Date().toISOString(), lastError: null });
      return true;
    } catch (error) {
      const message = (error as Error).message;
      // Written in full but unconfirmed (no `GS r 1`, or no clean close): resending could print twice.
      if (written || (confirm && error instanceof NoReplyError)) return this.notConfirmed(job, message);
      this.tracker.unreachable();
      return this.keepWaiting(job, message);
    } finally {
      await this.closeSession(session);
    }
  }

  /** Every byte was written but its arrival is in doubt: resending could print twice, so the cashier decides and reprints. */
  private notConfirmed(job: StoredJob, message: string): true {
    this.update(job, { state: 'failed', finishedAt: new Date().toISOString(), lastError: `not confirmed: ${message}` });
    return true;
  }

  private keepWaiting(job: StoredJob, reason: string): false {
    this.options.log?.(`print job ${job.id} waits: ${reason}`);
    this.update(job, { state: 'waiting', lastError: reason });
    return false;
  }

  /** Off and write-only links are not asked; a silent printer is asked again, in case it now answers. */
  private async checkStatus(): Promise<PrinterStatus> {
    if (!this.tracker.asks) return this.tracker.last;
    const session = await this.openSession();
    if (!session) return this.tracker.last;
    try {
      return await this.tracker.probe(session, this.printerId);
    } catch {
      this.tracker.unreachable();
      return this.tracker.last;
    } finally {
      await this.closeSession(session);
    }
  }

  private async openSession(): Promise<PrinterSession | null> {
    try {
      const link = await this.options.transport.open();
      const session = new PrinterSession(link, this.options.timeouts ?? DEFAULT_TIMEOUTS, (flags) => this.tracker.pushed(flags));
      this.activeSession = session;
      return session;
    } catch (error) {
      this.options.log?.(`printer ${this.printerId}: ${(error as Error).message}`);
      this.tracker.unreachable();
      return null;
    }
  }

  private async closeSession(session: PrinterSession): Promise<void> {
    if (this.activeSession === session) this.activeSession = null;
    await session.close();
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
