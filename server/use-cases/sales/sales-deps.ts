import type { Logger } from 'pino';
import type { Ed25519Sign } from '../../../core/voucher-qr';
import type { Db } from '../../db/database';
import type { DomainMetrics } from '../../metrics/domain-metrics';
import type { MerchantKeyStore } from '../../keys/merchant-key-store';
import type { NotificationProvider } from '../../notifications/provider';
import type { NotificationLocale } from '../../notifications/templates';
import type { CampaignDirectory } from '../../repositories/sales/campaign-directory';
import type { ChannelSecretStore } from '../../repositories/sales/channel-secret-store';
import type { PaymentDesk } from '../../repositories/sales/payment-desk';
import type { ScriptBatcher } from '../../repositories/sales/script-batcher';
import type { ReservationDesk } from '../../repositories/sales/reservation-desk';

/** What the selling use cases need, built once per app (see createSalesDeps). */
export interface SalesDeps {
  db: Db;
  now: () => Date;
  logger: Logger;
  campaigns: CampaignDirectory;
  keys: MerchantKeyStore;
  sign: Ed25519Sign;
  channelSecrets: ChannelSecretStore;
  reservations: ReservationDesk;
  /** Payments of reserved orders, batched per campaign. */
  payments: PaymentDesk;
  /** Channel events share transactions (group commit). */
  events: ScriptBatcher;
  provider: NotificationProvider;
  locale: NotificationLocale;
  /** Send a DM instead of an SMS when the buyer has a platform handle (NOTIFY_PREFER=dm). */
  preferDm: boolean;
  /** Wakes the dispatcher when messages were queued. */
  nudge: () => void;
  webhookToleranceSeconds: number;
  resendLimit: { max: number; windowMs: number };
  /** Flash-sale order counts and timings (a server's /metrics). */
  metrics?: DomainMetrics;
}
