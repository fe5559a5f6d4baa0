import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { HttpAnswer } from '../http/answer';
import { failureAnswer } from '../http/answer';

/** Headers a reverse proxy adds: a request carrying one came through the proxy, not from this host. */
const FORWARDED = ['x-forwarded-for', 'x-real-ip', 'forwarded'];

/**
 * Who may scrape /metrics. With HEXIAO_METRICS_TOKEN set: whoever sends `Authorization: Bearer
 * <token>`, from anywhere. Without: only a client on this host that did not come through a proxy
 * (nginx on the same host connects from 127.0.0.1 but adds X-Forwarded-For).
 * Answers null when allowed, otherwise the refusal to send.
 */
export function metricsRefusal(req: IncomingMessage, token: string | undefined): HttpAnswer | null {
  if (token) {
    const given = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (given !== undefined && sameSecret(given, token)) return null;
    const refusal = failureAnswer({ code: 'UNAUTHORIZED', message: 'metrics need Authorization: Bearer <HEXIAO_METRICS_TOKEN>' });
    return { ...refusal, headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' } };
  }
  if (isLoopback(req.socket.remoteAddress) && FORWARDED.every((name) => req.headers[name] === undefined)) return null;
  return failureAnswer({ code: 'FORBIDDEN', message: 'metrics are served to this host only; set HEXIAO_METRICS_TOKEN to scrape from elsewhere' });
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
