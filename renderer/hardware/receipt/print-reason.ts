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
