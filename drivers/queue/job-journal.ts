import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { PrintJobState } from '../../core/hardware/devices';

export interface StoredJob {
  id: string;
  printerId: string;
  label: string;
  createdAt: string;
  /** The encoded job, so a reprint gives the same paper even after the template changed. */
  bytesBase64: string;
  reprintOf: string | null;
  state: PrintJobState;
  attempts: number;
  finishedAt: string | null;
  lastError: string | null;
}

type Entry = { t: 'job'; job: StoredJob } | { t: 'state'; id: string; patch: Partial<StoredJob> };

/**
 * Print jobs of one printer as a JSON-lines journal, fsynced per entry: a job the cashier saw
 * queued survives a crash or restart. Compacted on open, keeping the last `keepFinished` done jobs
 * for reprints.
 */
export class JobJournal {
  private readonly path: string;
  private fd: number;
  private readonly jobs = new Map<string, StoredJob>();

  constructor(dataDir: string, printerId: string, keepFinished = 200) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, `print-jobs-${printerId.replace(/[^\w.-]/g, '_')}.jsonl`);
    if (existsSync(this.path)) this.replay(readFileSync(this.path, 'utf8'));
    this.compact(keepFinished);
    this.fd = openSync(this.path, 'a');
  }

  all(): StoredJob[] {
    return [...this.jobs.values()];
  }

  get(id: string): StoredJob | undefined {
    return this.jobs.get(id);
  }

  add(job: StoredJob): void {
    this.append({ t: 'job', job });
    this.jobs.set(job.id, job);
  }

  update(id: string, patch: Partial<StoredJob>): StoredJob {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`no print job ${id}`);
    this.append({ t: 'state', id, patch });
    Object.assign(job, patch);
    return job;
  }

  close(): void {
    closeSync(this.fd);
  }

  private append(entry: Entry): void {
    writeSync(this.fd, JSON.stringify(entry) + '\n');
    fsyncSync(this.fd);
  }

  private replay(text: string): void {
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let entry: Entry;
      try {
        entry = JSON.parse(line) as Entry;
      } catch {
        continue; // a line torn by a crash mid-write: every earlier entry is intact
      }
      if (entry.t === 'job') this.jobs.set(entry.job.id, entry.job);
      else if (this.jobs.has(entry.id)) Object.assign(this.jobs.get(entry.id)!, entry.patch);
    }
    for (const job of this.jobs.values()) {
      // A job cut off mid-print is retried: a duplicate receipt beats a lost one.
      if (job.state === 'printing') job.state = 'waiting';
    }
  }

  private compact(keepFinished: number): void {
    const done = this.all().filter((j) => j.finishedAt !== null);
    const drop = new Set(done.slice(0, Math.max(0, done.length - keepFinished)).map((j) => j.id));
    for (const id of drop) this.jobs.delete(id);
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, this.all().map((job) => JSON.stringify({ t: 'job', job } satisfies Entry) + '\n').join(''));
    const fd = openSync(tmp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.path);
  }
}
