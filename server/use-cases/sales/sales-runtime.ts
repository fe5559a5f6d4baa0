import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../../db/database';
import type { DomainMetrics } from '../../metrics/domain-metrics';
import { nodeEd25519Signer } from '../../keys/ed25519-signer';
import { MerchantKeyStore } from '../../keys/merchant-key-store';
import type { ConsoleOutput } from '../../notifications/console-provider';
import { createNotificationProvider, NotificationConfig, type NotificationConfigInput } from '../../notifications/notification-config';
import { NotificationDispatcher, type DispatcherOptions } from '../../notifications/outbox/dispatcher';
import type { ProviderDeps } from '../../notifications/provider';
import type { NotificationLocale } from '../../notifications/templates';
import { CampaignDirectory } from '../../repositories/sales/campaign-directory';
import { ChannelSecretStore } from '../../repositories/sales/channel-secret-store';
import { PaymentDesk } from '../../repositories/sales/payment-desk';
import { ReservationDesk } from '../../repositories/sales/reservation-desk';
import { SaleTableStats } from '../../repositories/sales/sale-table-stats';
import { ScriptBatcher } from '../../repositories/sales/script-batcher';
import { ReservationSweeper } from './expire-reservations';
import { chooseRecipient } from './handle-channel-event';
import type { SalesDeps } from './sales-deps';

/** How selling is set up; every field has a default fit for the demo. */
export interface SalesOptions {
  /** Seals merchants' private signing keys; random per process when absent (keys then die with it). */
  keyEncryptionKey?: Uint8Array;
  /** Platform-wide webhook secrets per channel name. */
  channelSecrets?: ReadonlyMap<string, readonly string[]>;
  /** Default: the console provider. */
  notification?: NotificationConfigInput;
  locale?: NotificationLocale;
  preferDm?: boolean;
  webhookToleranceSeconds?: number;
  resendLimit?: { max: number; windowMs: number };
  /** Start the dispatcher and the reservation sweeper with the server. Default true. */
  jobs?: boolean;
  sweepIntervalMs?: number;
  dispatcher?: Partial<DispatcherOptions>;
  providerDeps?: ProviderDeps & { out?: ConsoleOutput };
  metrics?: DomainMetrics;
}

/** The selling part of one server: use-case deps plus its two background jobs. */
export interface SalesRuntime {
  deps: SalesDeps;
  dispatcher: NotificationDispatcher;
  sweeper: ReservationSweeper;
  start(): void;
  stop(): Promise<void>;
}

export function createSalesRuntime(db: Db, logger: Logger, now: () => Date, options: SalesOptions = {}): SalesRuntime {
  const config = NotificationConfig.parse(options.notification ?? { provider: 'console' });
  const provider = createNotificationProvider(config, { now, logger, ...options.providerDeps });
  const campaigns = new CampaignDirectory(db, () => now().getTime());
  const locale = options.locale ?? ('locale' in config ? config.locale : 'zh-CN');
  const dispatcher = new NotificationDispatcher({ db, provider, campaigns, locale, now, logger }, options.dispatcher);
  const poolSize = db.kind === 'postgres' ? (db.pool.options.max ?? 10) : 1;
  // Leaves pool connections for reservations and the rest of the API.
  const events = new ScriptBatcher(db, { maxBatch: 256, maxInFlight: Math.max(1, Math.floor(poolSize / 2)) });
  const stats = new SaleTableStats(db, (error) => logger.warn({ err: error }, 'could not analyse the sale tables'));
  const sign = nodeEd25519Signer();
  const kek = options.keyEncryptionKey ?? new Uint8Array(randomBytes(32));
  const preferDm = options.preferDm ?? false;
  const recipientFor = (phone: string, handleKey: string | null) => chooseRecipient({ provider, preferDm }, phone, handleKey);
  const deps: SalesDeps = {
    db,
    now,
    logger,
    campaigns,
    keys: new MerchantKeyStore(db, kek, now),
    sign,
    channelSecrets: new ChannelSecretStore(db, options.channelSecrets ?? new Map(), kek, () => now().getTime()),
    reservations: new ReservationDesk(db, now, events, stats),
    payments: new PaymentDesk(db, events, {
      now,
      sign,
      recipientFor,
      onBatchFailure: (error) => logger.warn({ err: error }, 'a payment batch failed; its payments go one by one'),
      stats,
    }),
    events,
    provider,
    locale,
    preferDm,
    nudge: () => dispatcher.nudge(),
    webhookToleranceSeconds: options.webhookToleranceSeconds ?? 300,
    resendLimit: options.resendLimit ?? { max: 3, windowMs: 3_600_000 },
    ...(options.metrics ? { metrics: options.metrics } : {}),
  };
  const sweeper = new ReservationSweeper(db, now, logger, options.sweepIntervalMs ?? 5_000);
  const jobs = options.jobs ?? true;
  return {
    deps,
    dispatcher,
    sweeper,
    start() {
      if (!jobs) return;
      dispatcher.start();
      sweeper.start();
    },
    async stop() {
      await dispatcher.stop();
      await sweeper.stop();
    },
  };
}
