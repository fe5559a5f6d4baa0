/**
 * What a till tells the server about itself on every sync request (push and pull), as headers so
 * the sync bodies stay as they are. The back office shows the latest values in its till list.
 */
export const TERMINAL_REPORT_HEADERS = {
  pendingOutbox: 'x-hexiao-outbox-pending',
  appVersion: 'x-hexiao-app-version',
} as const;

export interface TerminalReport {
  pendingOutbox: number | null;
  appVersion: string | null;
}

const VERSION = /^[0-9A-Za-z.+_-]{1,40}$/;

/** Reads the headers; a missing or malformed value is null, never an error (sync must not fail on it). */
export function parseTerminalReport(header: (name: string) => string | undefined): TerminalReport {
  const pending = header(TERMINAL_REPORT_HEADERS.pendingOutbox)?.trim();
  const version = header(TERMINAL_REPORT_HEADERS.appVersion)?.trim();
  const count = pending !== undefined && /^\d{1,9}$/.test(pending) ? Number(pending) : null;
  return { pendingOutbox: count, appVersion: version !== undefined && VERSION.test(version) ? version : null };
}
