import { z } from 'zod';
import { hardwareFail, type HardwareFailure } from './hardware-result';

/** The one word a cashier needs, worst first when several apply. */
export const PrinterState = z.enum(['online', 'paperNearEnd', 'paperEnd', 'coverOpen', 'error', 'offline', 'unknown']);
export type PrinterState = z.infer<typeof PrinterState>;

export const PrinterFlags = z.object({
  offline: z.boolean(),
  coverOpen: z.boolean(),
  paperEnd: z.boolean(),
  paperNearEnd: z.boolean(),
  cutterError: z.boolean(),
  unrecoverableError: z.boolean(),
});
export type PrinterFlags = z.infer<typeof PrinterFlags>;

/**
 * How the state is learnt: `on` asks the printer (`DLE EOT`) before each job; `off` never asks
 * (turned off on the settings screen); `noReply` asked, but the printer (or the print server in
 * front of it) never answers, so jobs are sent unasked; `writeOnly` cannot ask (a USB device file).
 */
export const StatusQueries = z.enum(['on', 'off', 'noReply', 'writeOnly']);
export type StatusQueries = z.infer<typeof StatusQueries>;

export const PrinterStatus = z.object({
  state: PrinterState,
  flags: PrinterFlags,
  /** False when the printer's own answer is not behind the flags (not asked, no reply, write-only). */
  known: z.boolean(),
  queries: StatusQueries.default('on'),
  /** ISO instant of the reading. */
  at: z.string(),
});
export type PrinterStatus = z.infer<typeof PrinterStatus>;

export const NO_FLAGS: PrinterFlags = {
  offline: false,
  coverOpen: false,
  paperEnd: false,
  paperNearEnd: false,
  cutterError: false,
  unrecoverableError: false,
};

export function stateOf(flags: PrinterFlags): PrinterState {
  if (flags.cutterError || flags.unrecoverableError) return 'error';
  if (flags.coverOpen) return 'coverOpen';
  if (flags.paperEnd) return 'paperEnd';
  if (flags.offline) return 'offline';
  if (flags.paperNearEnd) return 'paperNearEnd';
  return 'online';
}

export function printerStatus(flags: PrinterFlags, at: Date): PrinterStatus {
  return { state: stateOf(flags), flags, known: true, queries: 'on', at: at.toISOString() };
}

/** Offline when the printer cannot be reached at all; unknown when it is reached but not asked or silent. */
export function unknownPrinterStatus(at: Date, offline = false, queries: StatusQueries = 'on'): PrinterStatus {
  return { state: offline ? 'offline' : 'unknown', flags: { ...NO_FLAGS, offline }, known: false, queries, at: at.toISOString() };
}

/** Whether a job may be sent now; paper near end still prints. */
export function canPrint(status: PrinterStatus): boolean {
  return status.state === 'online' || status.state === 'paperNearEnd' || status.state === 'unknown';
}

export function statusFailure(status: PrinterStatus): HardwareFailure {
  switch (status.state) {
    case 'paperEnd':
      return hardwareFail('paper_end', 'the printer is out of paper');
    case 'coverOpen':
      return hardwareFail('cover_open', 'the printer cover is open');
    case 'offline':
      return hardwareFail('offline', 'the printer is offline');
    case 'error':
      return hardwareFail('printer_error', 'the printer reports an error (cutter or mechanism)', !status.flags.unrecoverableError);
    default:
      return hardwareFail('printer_error', `the printer cannot print in state ${status.state}`);
  }
}
