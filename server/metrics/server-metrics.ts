import { performance } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { HttpAnswer } from '../http/answer';
import { outcomeOf, type DomainMetrics } from './domain-metrics';
import { LATENCY_BUCKETS } from './latency-buckets';
import { processMetrics } from './process-metrics';

type HttpLabels = 'method' | 'route' | 'status';

/**
 * One server's metrics, in its own registry (tests run several servers in one process; the
 * process-wide metrics live in processMetrics()). Counters and histograms are written on the
 * request path; gauges that need the database are read only when scraped (see dbGauges).
 */
export class ServerMetrics implements DomainMetrics {
  readonly registry = new Registry();
  private readonly http = new Histogram<HttpLabels>({
    name: 'hexiao_http_request_duration_seconds',
    help: 'HTTP requests by route pattern, method and status code: time to the last byte written',
    labelNames: ['method', 'route', 'status'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly redemptions = new Counter<'outcome'>({
    name: 'hexiao_redemptions_total',
    help: 'Online redeem requests by outcome: ok or the error code answered',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly redeemSeconds = new Histogram({
    name: 'hexiao_redemption_duration_seconds',
    help: 'Time to answer an online redeem once authenticated (validation, ledger write, answer)',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly flashOrders = new Counter<'outcome'>({
    name: 'hexiao_flash_sale_orders_total',
    help: 'Flash-sale order (reservation) requests by outcome: ok or the error code answered',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly flashSeconds = new Histogram({
    name: 'hexiao_flash_sale_order_duration_seconds',
    help: 'Time to answer a flash-sale order request',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly pushBatches = new Counter<'result'>({
    name: 'hexiao_sync_push_batches_total',
    help: 'Terminal sync pushes by result: ok, rate_limited, unavailable, sequence_reused',
    labelNames: ['result'],
    registers: [this.registry],
  });
  private readonly pushEntries = new Counter<'status'>({
    name: 'hexiao_sync_push_entries_total',
    help: 'Outbox entries answered in sync pushes by status: applied, duplicate, rejected, conflict',
    labelNames: ['status'],
    registers: [this.registry],
  });
  private readonly pushSeconds = new Histogram({
    name: 'hexiao_sync_push_duration_seconds',
    help: 'Time to apply one sync push (all its entries)',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly scrapeErrors = new Counter({
    name: 'hexiao_metrics_scrape_errors_total',
    help: 'Scrapes whose database gauges could not be read (the gauges are then left out)',
    registers: [this.registry],
  });

  /** A gauge in this registry (the database gauges register theirs here). */
  gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return new Gauge<L>({ name, help, labelNames, registers: [this.registry] });
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.http.observe({ method, route, status: String(status) }, seconds);
  }

  redeem(answer: HttpAnswer, startedAt: number): void {
    this.redemptions.inc({ outcome: outcomeOf(answer) });
    this.redeemSeconds.observe(secondsSince(startedAt));
  }

  flashSaleOrder(answer: HttpAnswer, startedAt: number): void {
    this.flashOrders.inc({ outcome: outcomeOf(answer) });
    this.flashSeconds.observe(secondsSince(startedAt));
  }

  syncPush(result: string, entries: readonly { status: string }[], startedAt: number): void {
    this.pushBatches.inc({ result });
    const byStatus = new Map<string, number>();
    for (const entry of entries) byStatus.set(entry.status, (byStatus.get(entry.status) ?? 0) + 1);
    for (const [status, count] of byStatus) this.pushEntries.inc({ status }, count);
    this.pushSeconds.observe(secondsSince(startedAt));
  }

  private readonly scrapeHooks: (() => Promise<void>)[] = [];

  /** Runs before each scrape (gauges read from the database); a hook that throws counts a scrape error. */
  onScrape(hook: () => Promise<void>): void {
    this.scrapeHooks.push(hook);
  }

  /** The text a scrape answers: this server's metrics, then the process's. */
  async exposition(): Promise<string> {
    for (const hook of this.scrapeHooks) await hook().catch(() => this.scrapeErrors.inc());
    const own = await this.registry.metrics();
    const process = await processMetrics().metrics();
    return `${own}\n${process}`;
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

function secondsSince(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}
