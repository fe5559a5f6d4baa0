import type { HardwareFailure } from '../../../core/hardware/hardware-result';

/**
 * The i18n key for why a print did not happen: the failure's reason, else the printer's own
 * words from the job (`the printer is out of paper`…) matched to a reason.
 */
export function printReasonKey(problem: HardwareFailure | null, lastError: string | null): string {
  if (problem) return `hardware.reason.${problem.reason}`;
  const text = lastError ?? '';
  if (/out of paper/.test(text)) return 'hardware.reason.paper_end';
  if (/cover is open/.test(text)) return 'hardware.reason.cover_open';
  if (/offline/.test(text)) return 'hardware.reason.offline';
  if (/cannot reach|cannot connect|no connection|cannot open/.test(text)) return 'hardware.reason.not_connected';
  if (/not confirmed|no transmission reply/.test(text)) return 'hardware.reason.timeout';
  return 'hardware.reason.printer_error';
}

/** What a status line needs of a print: its state and, when it was not queued, why. */
export interface ShownPrint {
  state: string;
  problem: HardwareFailure | null;
}

/** The colour a print state is shown in: done, refused or not set up, waiting on the printer, under way. */
export function printTone(state: string | undefined): 'ok' | 'bad' | 'warn' | 'busy' {
  if (state === 'printed' || state === 'sent') return 'ok';
  if (state === 'failed' || state === 'unqueued' || state === 'noPrinter') return 'bad';
  if (state === 'waiting') return 'warn';
  return 'busy';
}

/** A failed job, or one the queue refused for a reason that may pass, may be sent again. */
export function printCanRetry(print: ShownPrint | undefined): boolean {
  return print?.state === 'failed' || (print?.state === 'unqueued' && print.problem?.canRetry === true);
}
