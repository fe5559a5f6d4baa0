import { z } from 'zod';

/** The body a channel POSTs to `/api/v1/channels/:channel/events`, signed (see channel-signature). */

const Id = z.string().min(1).max(128).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

export const PaidOrder = z.object({
  /** Our order id, for orders placed through the flash-sale API. */
  orderId: Id.optional(),
  /** The channel's own order (or payment) id; one order per channel and id. */
  externalOrderId: Id,
  campaignId: Id,
  phone: z.string().min(5).max(32),
  /** The buyer's platform handle, `buyer_42` or `douyin:buyer_42`. */
  handle: z.string().min(1).max(128).optional(),
  quantity: z.int().min(1).max(99),
});

export const RefundedOrder = z.object({
  orderId: Id.optional(),
  externalOrderId: Id,
});

export const ChannelEvent = z.discriminatedUnion('type', [
  z.object({ eventId: Id, type: z.literal('order.paid'), occurredAt: z.iso.datetime({ offset: true }).optional(), order: PaidOrder }),
  z.object({ eventId: Id, type: z.literal('order.refunded'), occurredAt: z.iso.datetime({ offset: true }).optional(), order: RefundedOrder }),
]);
export type ChannelEvent = z.infer<typeof ChannelEvent>;
export type PaidEvent = Extract<ChannelEvent, { type: 'order.paid' }>;
export type RefundedEvent = Extract<ChannelEvent, { type: 'order.refunded' }>;

export const CHANNEL_NAME = /^[a-z][a-z0-9_-]{1,31}$/;

export interface VoucherSummary {
  voucherId: string;
  codeMasked: string;
  uses: number;
  redeemed: number;
  status: string;
}

export interface PaidAnswer {
  eventId: string;
  type: 'order.paid';
  orderId: string;
  externalOrderId: string;
  state: string;
  /** True when the order was already paid: nothing new was issued. */
  duplicate: boolean;
  vouchers: VoucherSummary[];
}

export interface RefundAnswer {
  eventId: string;
  type: 'order.refunded';
  orderId: string;
  externalOrderId: string;
  state: 'refunded' | 'partly_refunded';
  duplicate: boolean;
  /** Vouchers voided by this refund (or by the first one, when duplicate). */
  voided: VoucherSummary[];
  /** Vouchers with uses already redeemed: their redeemed part cannot be refunded. */
  redeemed: VoucherSummary[];
}

export type EventAnswer = PaidAnswer | RefundAnswer;

/** `buyer_42` from channel `douyin` → `douyin:buyer_42`; a handle that names its platform is kept. */
export function handleKeyOf(channel: string, handle: string | undefined): string | null {
  if (!handle) return null;
  const trimmed = handle.trim();
  return /^[a-z][a-z0-9_-]{1,31}:\S+$/.test(trimmed) ? trimmed : `${channel}:${trimmed.replace(/\s+/g, '')}`;
}
