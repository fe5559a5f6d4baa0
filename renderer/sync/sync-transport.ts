import { RedemptionRecord } from '../../core/redemption-api';
import type { Result } from '../../core/result';
import { PullResponse, PushResponse, PushUnavailable, type PushRequest } from '../../core/sync';
import { TERMINAL_REPORT_HEADERS, type TerminalReport } from '../../core/terminal-report';
import { failureFromBody, type ApiErrorCode } from '../shared/api/api-error';
import { apiUrl, createHttpClient } from '../shared/api/http-client';
import { readServerSentEvents } from './server-sent-events';

/** What a push came back with, sorted by what the engine does next. */
export type PushOutcome =
  | { kind: 'ok'; response: PushResponse }
  | { kind: 'tooLarge' }
  /** No answer, or the server could not apply: resend the same entries later. */
  | { kind: 'retry'; code: ApiErrorCode; lastSeq: number | null }
  /** The server refused the request itself: a person must look (token, device, a malformed entry). */
  | { kind: 'refused'; code: ApiErrorCode; message: string };

export type PullOutcome =
  | { kind: 'ok'; response: PullResponse }
  | { kind: 'retry'; code: ApiErrorCode }
  | { kind: 'refused'; code: ApiErrorCode; message: string };

export interface SyncTransport {
  push(request: PushRequest): Promise<PushOutcome>;
  pull(query: { cursor: string | null; limit: number }): Promise<PullOutcome>;
  redemption(redemptionId: string): Promise<Result<RedemptionRecord, ApiErrorCode>>;
  /** Streams the server's events (`open` first) until the stream ends (resolves) or fails (rejects). */
  events(signal: AbortSignal, onEvent: (name: string) => void): Promise<void>;
}

export interface HttpSyncTransportOptions {
  baseUrl: string;
  token: string;
  /** Per request; a snapshot page of 5,000 rows must fit in it. */
  timeoutMs?: number;
  /** What the till tells the server on each push and pull (the back office shows it). */
  report?: () => TerminalReport;
}

function reportHeaders(report: (() => TerminalReport) | undefined): Record<string, string> {
  const now = report?.();
  const headers: Record<string, string> = {};
  if (now?.pendingOutbox != null) headers[TERMINAL_REPORT_HEADERS.pendingOutbox] = String(now.pendingOutbox);
  if (now?.appVersion) headers[TERMINAL_REPORT_HEADERS.appVersion] = now.appVersion;
  return headers;
}

const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

async function exchange(url: string, init: RequestInit, timeoutMs: number): Promise<{ status: number; body: unknown } | { code: ApiErrorCode }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    const body: unknown = await response.json().catch(() => undefined);
    return { status: response.status, body };
  } catch {
    return { code: controller.signal.aborted ? 'NETWORK_TIMEOUT' : 'NETWORK_UNREACHABLE' };
  } finally {
    clearTimeout(timer);
  }
}

/** The sync endpoints over fetch; every outcome, a dead network included, is a value. */
export function createHttpSyncTransport(options: HttpSyncTransportOptions): SyncTransport {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const headers = { accept: 'application/json', authorization: `Bearer ${options.token}` };
  const status = createHttpClient({ baseUrl: options.baseUrl, token: options.token, timeoutMs: Math.min(timeoutMs, 5_000) });

  return {
    async push(request) {
      const init = { method: 'POST', headers: { ...headers, ...reportHeaders(options.report), 'content-type': 'application/json' }, body: JSON.stringify(request) };
      const answer = await exchange(apiUrl(options.baseUrl, '/sync/push'), init, timeoutMs);
      if ('code' in answer) return { kind: 'retry', code: answer.code, lastSeq: null };
      if (answer.status === 200) {
        const parsed = PushResponse.safeParse(answer.body);
        return parsed.success ? { kind: 'ok', response: parsed.data } : { kind: 'retry', code: 'BAD_RESPONSE', lastSeq: null };
      }
      if (answer.status === 413) return { kind: 'tooLarge' };
      const failure = failureFromBody(answer.status, answer.body);
      if (RETRY_STATUSES.has(answer.status)) {
        const unavailable = PushUnavailable.safeParse(answer.body);
        return { kind: 'retry', code: failure.code, lastSeq: unavailable.success ? unavailable.data.lastSeq : null };
      }
      return { kind: 'refused', code: failure.code, message: failure.message };
    },

    async pull({ cursor, limit }) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor) query.set('cursor', cursor);
      const answer = await exchange(apiUrl(options.baseUrl, `/sync/pull?${query}`), { method: 'GET', headers: { ...headers, ...reportHeaders(options.report) } }, timeoutMs);
      if ('code' in answer) return { kind: 'retry', code: answer.code };
      if (answer.status === 200) {
        const parsed = PullResponse.safeParse(answer.body);
        return parsed.success ? { kind: 'ok', response: parsed.data } : { kind: 'retry', code: 'BAD_RESPONSE' };
      }
      const failure = failureFromBody(answer.status, answer.body);
      if (RETRY_STATUSES.has(answer.status)) return { kind: 'retry', code: failure.code };
      return { kind: 'refused', code: failure.code, message: failure.message };
    },

    redemption: (redemptionId) =>
      status({ method: 'GET', path: `/redemptions/${encodeURIComponent(redemptionId)}`, schema: RedemptionRecord }),

    async events(signal, onEvent) {
      const response = await fetch(apiUrl(options.baseUrl, '/sync/events'), {
        headers: { accept: 'text/event-stream', authorization: headers.authorization },
        signal,
      });
      if (!response.ok || !response.body) throw new Error(`event stream refused: HTTP ${response.status}`);
      onEvent('open');
      await readServerSentEvents(response.body, onEvent);
    },
  };
}
