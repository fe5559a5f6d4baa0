import { z } from 'zod';
import { adminRequest } from './client';

// The live flash-sale panel (h/admin-live, docs/admin-api/admin-live.md): a one-use ticket, then SSE.
export const LiveCampaignSchema = z.object({
  id: z.string(),
  title: z.string(),
  paused: z.boolean(),
  totalStock: z.number().nullable(),
  soldUnits: z.number(),
  stockLeft: z.number().nullable(),
  reservedUnits: z.number(),
  paidUnits: z.number(),
  refundedUnits: z.number(),
  ordersLastMinute: z.number(),
});
export type LiveCampaign = z.infer<typeof LiveCampaignSchema>;

const Redemptions = z.object({ count: z.number(), uses: z.number() });
/** Today's SMS / DM messages of the merchant, counted by delivery state. */
export const DELIVERY_STATES = ['queued', 'sent', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
const DeliveryCounts = z.object({ queued: z.number(), sent: z.number(), delivered: z.number(), failed: z.number() });
export const NotificationsSchema = z.object({ sms: DeliveryCounts, dm: DeliveryCounts });
export type LiveNotifications = z.infer<typeof NotificationsSchema>;
export const SnapshotSchema = z.object({ campaigns: z.array(LiveCampaignSchema), redemptions: Redemptions, notifications: NotificationsSchema.optional() });
export const CampaignsEventSchema = z.object({ campaigns: z.array(LiveCampaignSchema) });
export const RedemptionsEventSchema = Redemptions.extend({ countDelta: z.number(), usesDelta: z.number() });
export const OrderEventSchema = z.object({ campaignId: z.string(), soldDelta: z.number(), paidDelta: z.number() });

export const liveApi = {
  ticket: () => adminRequest({ method: 'POST', path: '/merchant/live/ticket', schema: z.object({ ticket: z.string(), expiresAt: z.string() }) }),
  eventsUrl: (ticket: string) => `${window.location.origin}/api/v1/merchant/live/events?ticket=${encodeURIComponent(ticket)}`,
};
