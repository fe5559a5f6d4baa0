import { onBeforeUnmount, ref } from 'vue';
import type { z } from 'zod';
import {
  CampaignsEventSchema, LiveCampaignSchema, liveApi, NotificationsSchema, OrderEventSchema, RedemptionsEventSchema, SnapshotSchema,
  type LiveCampaign, type LiveNotifications,
} from '../api/live-api';

export type LiveState = 'connecting' | 'connected' | 'offline';
type FeedEntry = { kind: 'order'; campaign: string; n: number } | { kind: 'redemption'; n: number };
export type FeedItem = FeedEntry & { id: number };

const RECONNECT_MS = 2000;

/**
 * The live panel's server-sent events. A ticket is used once, so each (re)connect mints a new one;
 * the server's first event is always a full snapshot, so nothing is missed across a reconnect.
 */
export function useLiveFeed(onChange: () => void) {
  const state = ref<LiveState>('connecting');
  const campaigns = ref<LiveCampaign[]>([]);
  const redemptions = ref({ count: 0, uses: 0 });
  /** Only figures an event carried: null until the first snapshot or `notifications` event. */
  const notifications = ref<LiveNotifications | null>(null);
  const feed = ref<FeedItem[]>([]);
  let source: EventSource | null = null;
  let retry: number | undefined;
  let stopped = false;
  let seq = 0;

  const push = (item: FeedEntry): void => {
    feed.value = [{ ...item, id: ++seq }, ...feed.value].slice(0, 8);
  };
  const on = <S extends z.ZodType>(es: EventSource, name: string, schema: S, handle: (data: z.infer<S>) => void): void => {
    es.addEventListener(name, (event) => {
      const parsed = schema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (parsed.success) handle(parsed.data);
    });
  };

  async function connect(): Promise<void> {
    if (stopped) return;
    state.value = 'connecting';
    const ticket = await liveApi.ticket();
    if (stopped) return;
    if (!ticket.ok) return reconnect();
    const es = new EventSource(liveApi.eventsUrl(ticket.value.ticket));
    source = es;
    es.onopen = () => (state.value = 'connected');
    es.onerror = () => {
      es.close();
      reconnect();
    };
    on(es, 'snapshot', SnapshotSchema, (s) => {
      campaigns.value = s.campaigns;
      redemptions.value = s.redemptions;
      if (s.notifications) notifications.value = s.notifications;
      state.value = 'connected';
      onChange();
    });
    on(es, 'campaigns', CampaignsEventSchema, (e) => (campaigns.value = e.campaigns));
    on(es, 'campaign', LiveCampaignSchema, (c) => {
      campaigns.value = campaigns.value.map((x) => (x.id === c.id ? c : x));
    });
    on(es, 'order', OrderEventSchema, (o) => {
      const title = campaigns.value.find((c) => c.id === o.campaignId)?.title ?? '';
      if (o.paidDelta > 0) push({ kind: 'order', campaign: title, n: o.paidDelta });
      onChange();
    });
    on(es, 'redemptions', RedemptionsEventSchema, (r) => {
      redemptions.value = { count: r.count, uses: r.uses };
      if (r.usesDelta > 0) push({ kind: 'redemption', n: r.usesDelta });
      onChange();
    });
    on(es, 'notifications', NotificationsSchema, (n) => (notifications.value = { sms: n.sms, dm: n.dm }));
  }

  function reconnect(): void {
    source = null;
    if (stopped) return;
    state.value = 'offline';
    window.clearTimeout(retry);
    retry = window.setTimeout(() => void connect(), RECONNECT_MS);
  }

  void connect();
  onBeforeUnmount(() => {
    stopped = true;
    window.clearTimeout(retry);
    source?.close();
  });
  return { state, campaigns, redemptions, notifications, feed };
}
