import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrintJobSummary } from '../../../core/hardware/devices';
import type { PrinterState } from '../../../core/hardware/printer-status';
import type { PrintQueue } from '../../../drivers/queue/print-queue';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `hexiao-${prefix}-`));
}

/** Resolves when the queue reports `state` (or already is in it). */
export function statusReaches(queue: PrintQueue, state: PrinterState): Promise<void> {
  if (queue.lastStatus().state === state) return Promise.resolve();
  return new Promise((resolve) => {
    const off = queue.onStatus((s) => {
      if (s.state === state) {
        off();
        resolve();
      }
    });
  });
}

/** Resolves with the job once it reaches `state`. */
export function jobReaches(queue: PrintQueue, jobId: string, state: PrintJobSummary['state']): Promise<PrintJobSummary> {
  const now = queue.job(jobId);
  if (now?.state === state) return Promise.resolve(now);
  return new Promise((resolve) => {
    const off = queue.onJob((j) => {
      if (j.id === jobId && j.state === state) {
        off();
        resolve(j);
      }
    });
  });
}

/** Fast retries so fault tests finish quickly; they wait for events, never for a time. */
export const FAST_RETRY = { initialMs: 20, maxMs: 100 };
export const FAST_TIMEOUTS = { statusMs: 1000, confirmMs: 20_000 };
