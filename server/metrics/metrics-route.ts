import type { Express } from 'express';
import { sendAnswer } from '../http/send';
import { metricsRefusal } from './metrics-access';
import type { ServerMetrics } from './server-metrics';

export const METRICS_PATH = '/metrics';

/** `GET /metrics` in Prometheus's text format, for the scrapers metricsRefusal lets in. */
export function metricsRoute(app: Express, metrics: ServerMetrics, token: string | undefined): void {
  app.get(METRICS_PATH, async (req, res) => {
    const refusal = metricsRefusal(req, token);
    if (refusal) return sendAnswer(res, refusal);
    const text = await metrics.exposition();
    res.set('Content-Type', metrics.contentType).set('Cache-Control', 'no-store').send(text);
  });
}
