import type { IncomingMessage, RequestListener } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ServerMetrics } from './server-metrics';

const API_PREFIX = '/api/v1';

/** The routes served in front of Express (server/http/hot-routes.ts), by pattern. */
const HOT_ROUTES: readonly (readonly [RegExp, string])[] = [
  [/^\/api\/v1\/vouchers\/redeem$/, '/api/v1/vouchers/redeem'],
  [/^\/api\/v1\/flash-sales\/[^/]+\/orders$/, '/api/v1/flash-sales/:campaignId/orders'],
  [/^\/api\/v1\/channels\/[^/]+\/events$/, '/api/v1/channels/:channel/events'],
];

/**
 * Times every request from its arrival to its last byte, labelled with the route's pattern (never
 * the raw URL, which would make a series per voucher code). A stream closed before it finished
 * (an SSE client leaving) is not counted.
 */
export function withRequestMetrics(listener: RequestListener, metrics: ServerMetrics): RequestListener {
  return (req, res) => {
    const started = performance.now();
    res.once('finish', () => {
      metrics.observeHttp(req.method ?? 'GET', routeLabel(req), res.statusCode, (performance.now() - started) / 1000);
    });
    listener(req, res);
  };
}

/** Express's matched route (it leaves `req.route` set), a hot route's pattern, or `unmatched`. */
export function routeLabel(req: IncomingMessage): string {
  const express = req as IncomingMessage & { route?: { path?: unknown }; originalUrl?: string };
  const url = express.originalUrl ?? req.url ?? '';
  const path = express.route?.path;
  if (typeof path === 'string') return url.startsWith(`${API_PREFIX}/`) ? `${API_PREFIX}${path}` : path;
  const bare = url.split('?')[0] ?? '';
  for (const [pattern, label] of HOT_ROUTES) if (pattern.test(bare)) return label;
  if (bare === '/admin' || bare.startsWith('/admin/')) return '/admin';
  return 'unmatched';
}
