import { z } from 'zod';
import type { Failure, Result, Success } from '../../core/result';

/** The one contract every SMS/DM provider adapter fulfils; the outbox only talks to this. */

export const NotificationChannel = z.enum(['sms', 'dm']);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

export const TemplateId = z.enum(['voucher_issued', 'voucher_expiring', 'voucher_refunded']);
export type TemplateId = z.infer<typeof TemplateId>;

export const OutgoingMessage = z.object({
  /** E.164 (`+8613812341234`) for SMS; a platform handle (`douyin:buyer_42`) for DM. */
  to: z.string().min(3).max(128),
  channel: NotificationChannel,
  templateId: TemplateId,
  params: z.record(z.string(), z.string()),
  /** Stable across retries of one notification (the outbox row id). */
  idempotencyKey: z.string().min(1).max(64),
});
export type OutgoingMessage = z.infer<typeof OutgoingMessage>;

/** Why a send failed, in words the outbox can act on; `retryable` follows from the code. */
export const DELIVERY_ERROR_RETRYABLE = {
  RECIPIENT_INVALID: false,
  CHANNEL_UNSUPPORTED: false,
  TEMPLATE_UNKNOWN: false,
  TEMPLATE_REJECTED: false,
  AUTH_FAILED: false,
  PROVIDER_REJECTED: false,
  THROTTLED: true,
  PROVIDER_UNAVAILABLE: true,
  TIMEOUT: true,
  NETWORK_ERROR: true,
  BAD_RESPONSE: true,
} as const;
export type DeliveryErrorCode = keyof typeof DELIVERY_ERROR_RETRYABLE;

export interface SendFailure extends Failure<DeliveryErrorCode> {
  readonly retryable: boolean;
  /** The provider's own code (`isv.MOBILE_NUMBER_ILLEGAL`, `LimitExceeded.PhoneNumberDailyLimit`, HTTP 503 …). */
  readonly providerCode: string | null;
}

export type SendResult = Success<{ providerMessageId: string }> | SendFailure;

export function sendFailure(code: DeliveryErrorCode, message: string, providerCode: string | null = null): SendFailure {
  return { ok: false, code, message, retryable: DELIVERY_ERROR_RETRYABLE[code], providerCode };
}

export type DeliveryState = 'delivered' | 'failed';

export interface DeliveryReport {
  readonly providerMessageId: string;
  readonly state: DeliveryState;
  /** ISO instant (UTC) at which the handset received it or the carrier gave up. */
  readonly at: string;
  /** The carrier/provider status text (`DELIVERED`, `DELIVRD`, `MK:0001` …). */
  readonly providerStatus: string;
}

/** A delivery-status callback as the route received it: the raw body, for signature checks. */
export interface DeliveryCallbackRequest {
  readonly rawBody: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface ParsedDeliveryCallback {
  readonly reports: DeliveryReport[];
  /** What the provider expects back (status and JSON body) so it stops re-posting. */
  readonly ack: { readonly status: number; readonly body: unknown };
}

export type DeliveryCallbackResult = Result<ParsedDeliveryCallback, 'VALIDATION_FAILED' | 'UNAUTHORIZED'>;

export interface NotificationProvider {
  readonly name: 'aliyun' | 'tencent' | 'webhook' | 'console';
  readonly channels: readonly NotificationChannel[];
  send(message: OutgoingMessage): Promise<SendResult>;
  parseDeliveryCallback(request: DeliveryCallbackRequest): DeliveryCallbackResult;
}

/** The slice of a pino logger the adapters use; lines never carry a full code or phone. */
export interface NotificationLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** What an adapter takes from its host; everything has a production default. */
export interface ProviderDeps {
  readonly fetch?: FetchLike;
  readonly now?: () => Date;
  readonly nonce?: () => string;
  readonly logger?: NotificationLogger;
}

export const silentLogger: NotificationLogger = { info: () => undefined, warn: () => undefined };
