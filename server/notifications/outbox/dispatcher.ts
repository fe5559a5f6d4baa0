import type { Logger } from 'pino';
import type { Db } from '../../db/database';
import type { CampaignDirectory } from '../../repositories/sales/campaign-directory';
import { runScript } from '../../repositories/sales/run-script';
import { newId } from '../../security/ids';
import type { NotificationProvider, SendResult } from '../provider';
import { maskCodesIn } from '../redact';
import type { NotificationLocale } from '../templates';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './backoff';
import { buildOutgoing } from './message-content';
import { claimDueMessages, recordSend, type ClaimedMessage, type SendRecord } from './outbox-statements';

export interface DispatcherDeps {
  db: Db;
  provider: NotificationProvider;
  campaigns: CampaignDirectory;
  locale: NotificationLocale;
  now: () => Date;
  logger: Logger;
}

export interface DispatcherOptions {
  /** This node's name in leases; random by default. */
  node: string;
  batchSize: number;
  concurrency: number;
  /** Longer than any send (provider timeouts are ≤ 60 s): a lease that runs out may be sent again. */
  leaseMs: number;
  pollMs: number;
  backoff: BackoffPolicy;
  random: () => number;
}

export const DEFAULT_DISPATCHER: Omit<DispatcherOptions, 'node'> = {
  batchSize: 50,
  concurrency: 8,
  leaseMs: 120_000,
  pollMs: 1_000,
  backoff: DEFAULT_BACKOFF,
  random: Math.random,
};

export interface DispatchReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

/** Sends queued notifications through the configured provider; several nodes may run one each. */
export class NotificationDispatcher {
  private readonly options: DispatcherOptions;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;
  private again = false;

  constructor(
    private readonly deps: DispatcherDeps,
    options: Partial<DispatcherOptions> = {},
  ) {
    this.options = { ...DEFAULT_DISPATCHER, node: `node-${newId()}`, ...options };
  }

  /** Claims one batch of due messages and sends them. */
  async runOnce(): Promise<DispatchReport> {
    const { db, now } = this.deps;
    const at = now();
    const leaseUntil = new Date(at.getTime() + this.options.leaseMs).toISOString();
    const claimed = await runScript(db, () => claimDueMessages(db.kind, this.options.node, at.toISOString(), leaseUntil, this.options.batchSize));
    const report: DispatchReport = { claimed: claimed.length, sent: 0, retried: 0, failed: 0 };
    let next = 0;
    const worker = async () => {
      while (next < claimed.length) {
        const outcome = await this.deliver(claimed[next++]!);
        report[outcome.kind === 'sent' ? 'sent' : outcome.kind === 'retry' ? 'retried' : 'failed']++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, claimed.length) }, worker));
    return report;
  }

  /** Runs batches until nothing is due (bounded), e.g. in tests and at shutdown. */
  async drain(maxRounds = 100): Promise<DispatchReport> {
    const total: DispatchReport = { claimed: 0, sent: 0, retried: 0, failed: 0 };
    for (let round = 0; round < maxRounds; round++) {
      const report = await this.runOnce();
      for (const key of Object.keys(total) as (keyof DispatchReport)[]) total[key] += report[key];
      if (report.claimed === 0) break;
    }
    return total;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Wakes the loop now (messages were just queued). */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delayMs);
    this.timer.unref();
  }

  private tick(): void {
    if (this.stopped || this.running) return;
    this.running = this.runOnce()
      .then((report) => report.claimed === this.options.batchSize)
      .catch((error: unknown) => {
        this.deps.logger.error({ err: error }, 'notification dispatch failed');
        return false;
      })
      .then((more) => {
        this.running = undefined;
        const soon = more || this.again;
        this.again = false;
        if (!this.stopped) this.schedule(soon ? 0 : this.options.pollMs);
      });
  }

  private async deliver(message: ClaimedMessage): Promise<SendRecord> {
    const { provider, logger } = this.deps;
    const outgoing = await buildOutgoing(message, this.deps.campaigns, this.deps.locale);
    let record: SendRecord;
    if (typeof outgoing === 'string') {
      record = { kind: 'failed', error: outgoing };
    } else {
      record = this.interpret(message, await provider.send(outgoing).catch((error: unknown) => networkFailure(error)));
    }
    const at = this.deps.now().toISOString();
    const kept = await runScript(this.deps.db, () => recordSend(this.options.node, message, record, at));
    if (!kept) logger.warn({ notificationId: message.id }, 'notification lease lost before its result was recorded');
    logger.info({ notificationId: message.id, channel: message.channel, template: message.template, attempt: message.attempts, result: record.kind }, 'notification dispatched');
    return record;
  }

  private interpret(message: ClaimedMessage, result: SendResult): SendRecord {
    if (result.ok) return { kind: 'sent', provider: this.deps.provider.name, providerMessageId: result.value.providerMessageId };
    const error = maskCodesIn(`${result.code}${result.providerCode ? ` (${result.providerCode})` : ''}: ${result.message}`).slice(0, 500);
    const { backoff, random } = this.options;
    if (!result.retryable || message.attempts >= backoff.maxAttempts) return { kind: 'failed', error };
    const delay = retryDelayMs(backoff, message.attempts, random);
    return { kind: 'retry', error, nextAttemptAt: new Date(this.deps.now().getTime() + delay).toISOString() };
  }
}

function networkFailure(error: unknown): SendResult {
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, code: 'NETWORK_ERROR', message, retryable: true, providerCode: null };
}
