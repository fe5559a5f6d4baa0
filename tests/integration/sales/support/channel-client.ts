import { webhookSignature } from '../../../../server/notifications/webhook-signature';
import type { RunningServer } from '../../../../server/server';
import type { ApiResponse } from '../../../support/server/api-client';

export interface SendOptions {
  secret?: string;
  /** Unix seconds; now by default. */
  timestamp?: number;
  merchantId?: string | null;
  signature?: string;
  channel?: string;
}

/** A channel posting signed events, as a platform would. */
export class ChannelClient {
  constructor(
    private readonly server: Pick<RunningServer, 'url'>,
    private readonly merchantId: string,
    private readonly secret: string,
    private readonly channel = 'douyin',
    private readonly clock: () => number = Date.now,
  ) {}

  send<T = unknown>(event: unknown, options: SendOptions = {}): Promise<ApiResponse<T>> {
    return this.sendRaw<T>(JSON.stringify(event), options);
  }

  async sendRaw<T = unknown>(body: string, options: SendOptions = {}): Promise<ApiResponse<T>> {
    const timestamp = options.timestamp ?? Math.floor(this.clock() / 1000);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-hexiao-timestamp': String(timestamp),
      'x-hexiao-signature': options.signature ?? webhookSignature(options.secret ?? this.secret, timestamp, body),
    };
    const merchantId = options.merchantId === undefined ? this.merchantId : options.merchantId;
    if (merchantId !== null) headers['x-hexiao-merchant'] = merchantId;
    const res = await fetch(`${this.server.url}/api/v1/channels/${options.channel ?? this.channel}/events`, { method: 'POST', headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Kept as text for the assertion.
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }
}

let sequence = 0;

/** A paid event with fresh ids unless given. */
export function paidEvent(order: { campaignId: string; phone: string; quantity: number; orderId?: string; externalOrderId?: string; handle?: string }, eventId?: string) {
  sequence++;
  return {
    eventId: eventId ?? `evt-${process.pid}-${sequence}-${Math.random().toString(36).slice(2)}`,
    type: 'order.paid',
    order: { externalOrderId: order.externalOrderId ?? `ext-${process.pid}-${sequence}`, ...order },
  };
}

export function refundEvent(order: { externalOrderId: string; orderId?: string }, eventId?: string) {
  sequence++;
  return { eventId: eventId ?? `evt-refund-${process.pid}-${sequence}`, type: 'order.refunded', order };
}
