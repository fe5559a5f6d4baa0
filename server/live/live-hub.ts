import type { Logger } from 'pino';
import type { Db } from '../db/database';
import { readLiveState, type LiveCampaign, type LiveState } from './live-figures';

export interface LiveEvent {
  event: 'snapshot' | 'campaigns' | 'campaign' | 'order' | 'redemptions' | 'notifications' | 'heartbeat';
  data: unknown;
}

export interface LiveSubscriber {
  send(events: readonly LiveEvent[]): void;
  close(): void;
}

interface Feed {
  timeZone: string;
  subscribers: Set<LiveSubscriber>;
  state: LiveState | undefined;
  timer: NodeJS.Timeout | undefined;
  polling: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What changed between two readings, as events; a new day starts over with a snapshot. */
export function diffLiveState(prev: LiveState, next: LiveState): LiveEvent[] {
  if (prev.date !== next.date) return [{ event: 'snapshot', data: next }];
  const events: LiveEvent[] = [];
  const before = new Map(prev.campaigns.map((c) => [c.id, c]));
  if (!same(prev.campaigns.map((c) => c.id), next.campaigns.map((c) => c.id))) events.push({ event: 'campaigns', data: { at: next.at, campaigns: next.campaigns } });
  for (const c of next.campaigns) {
    const old = before.get(c.id);
    if (same(old, c)) continue;
    events.push({ event: 'campaign', data: { at: next.at, ...c } });
    if (old && orderFiguresMoved(old, c)) {
      events.push({
        event: 'order',
        data: {
          at: next.at,
          campaignId: c.id,
          soldDelta: c.soldUnits - old.soldUnits,
          reservedDelta: c.reservedUnits - old.reservedUnits,
          paidDelta: c.paidUnits - old.paidUnits,
          refundedDelta: c.refundedUnits - old.refundedUnits,
        },
      });
    }
  }
  if (!same(prev.redemptions, next.redemptions)) {
    events.push({ event: 'redemptions', data: { at: next.at, ...next.redemptions, countDelta: next.redemptions.count - prev.redemptions.count, usesDelta: next.redemptions.uses - prev.redemptions.uses } });
  }
  if (!same(prev.notifications, next.notifications)) events.push({ event: 'notifications', data: { at: next.at, ...next.notifications } });
  return events;
}

function orderFiguresMoved(a: LiveCampaign, b: LiveCampaign): boolean {
  return a.soldUnits !== b.soldUnits || a.reservedUnits !== b.reservedUnits || a.paidUnits !== b.paidUnits || a.refundedUnits !== b.refundedUnits;
}

/**
 * The live panel's source on one node: while a merchant has listeners here, its figures are read
 * every `intervalMs` (one reading per merchant, however many listeners) and the differences are sent
 * as events. Polling the database, rather than hearing from the flash sale's batches, keeps the hot
 * path untouched and sees what every node wrote, since they share the database.
 */
export class LiveHub {
  private readonly feeds = new Map<string, Feed>();
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly logger: Logger,
    readonly intervalMs = 500,
  ) {}

  /** Starts listening; the first thing a listener gets is a snapshot. */
  async subscribe(merchantId: string, timeZone: string, subscriber: LiveSubscriber): Promise<() => void> {
    let feed = this.feeds.get(merchantId);
    if (!feed) this.feeds.set(merchantId, (feed = { timeZone, subscribers: new Set(), state: undefined, timer: undefined, polling: false }));
    feed.subscribers.add(subscriber);
    feed.state ??= await readLiveState(this.db, merchantId, timeZone, this.now());
    subscriber.send([{ event: 'snapshot', data: feed.state }]);
    if (!feed.timer && !feed.polling) this.schedule(merchantId, feed);
    const current = feed;
    return () => {
      current.subscribers.delete(subscriber);
      if (current.subscribers.size === 0) {
        clearTimeout(current.timer);
        if (this.feeds.get(merchantId) === current) this.feeds.delete(merchantId);
      }
    };
  }

  get feedCount(): number {
    return this.feeds.size;
  }

  stop(): void {
    this.stopped = true;
    for (const feed of this.feeds.values()) {
      clearTimeout(feed.timer);
      for (const s of feed.subscribers) s.close();
    }
    this.feeds.clear();
  }

  private schedule(merchantId: string, feed: Feed): void {
    feed.timer = setTimeout(() => void this.poll(merchantId, feed), this.intervalMs);
    feed.timer.unref();
  }

  private async poll(merchantId: string, feed: Feed): Promise<void> {
    feed.timer = undefined;
    if (this.stopped || this.feeds.get(merchantId) !== feed) return;
    feed.polling = true;
    try {
      const next = await readLiveState(this.db, merchantId, feed.timeZone, this.now());
      const events = feed.state ? diffLiveState(feed.state, next) : [{ event: 'snapshot' as const, data: next }];
      feed.state = next;
      if (events.length > 0) for (const s of feed.subscribers) s.send(events);
    } catch (error) {
      this.logger.warn({ err: error, merchantId }, 'live panel: could not read the figures');
    } finally {
      feed.polling = false;
    }
    if (!this.stopped && this.feeds.get(merchantId) === feed) this.schedule(merchantId, feed);
  }
}
