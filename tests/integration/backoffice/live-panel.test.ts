import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveCampaign, LiveState } from '../../../server/live/live-figures';
import { issueVouchers } from '../../../server/repositories/merchant-setup';
import { startServer, type RunningServer } from '../../../server/server';
import { ApiClient, errorCode } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import { startSignedInBackoffice, type BackofficeServer, type BackofficeWorld } from './support/backoffice-world';
import { campaignBody, type CampaignBody } from './support/campaign-body';
import { insertRedemption } from './support/ledger-rows';
import { SseReader, type SseEvent } from '../../support/server/sse-reader';

describe.each(BACKENDS)('live flash-sale panel over server-sent events (%s)', (kind) => {
  let running: BackofficeServer;
  let nodeB: RunningServer;
  let world: BackofficeWorld;
  let owner: ApiClient;
  let otherOwner: ApiClient;
  let campaign: CampaignBody;
  const readers: SseReader[] = [];

  beforeAll(async () => {
    ({ running, world, owner, otherOwner } = await startSignedInBackoffice(kind));
    // A second node on the same database: it serves its own listeners and sees what the first writes.
    nodeB = await startServer({ ...running.backend.options, port: 0, demo: false, logLevel: 'silent', now: running.clock.now });
    const created = await owner.post<CampaignBody>('/merchant/campaigns', campaignBody([world.stores.a.id], running.clock.now(), { totalStock: 10, perBuyerLimit: 5 }));
    campaign = (await owner.post<CampaignBody>(`/merchant/campaigns/${created.body.id}/publish`, {})).body;
  });
  afterAll(async () => {
    for (const r of readers) r.close();
    await nodeB?.stop();
    await running?.stop();
  });

  const ticket = async (client: ApiClient) => {
    const res = await client.post<{ ticket: string; expiresAt: string }>('/merchant/live/ticket', {});
    expect(res.status).toBe(200);
    return res.body.ticket;
  };
  const connect = async (server: Pick<RunningServer, 'url'>, t: string) => {
    const reader = await SseReader.open(`${server.url}/api/v1/merchant/live/events?ticket=${t}`);
    readers.push(reader);
    return reader;
  };
  const figures = (e: SseEvent) => (e.data as LiveState).campaigns.find((c) => c.id === campaign.id);
  const buy = (phone: string, quantity = 1) => new ApiClient(running.server).post(`/flash-sales/${campaign.id}/orders`, { phone, quantity });

  it('opens with a snapshot, then tells of orders and redemptions written on another node', async () => {
    const live = await connect(nodeB, await ticket(owner));
    expect(live.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(live.response.headers.get('x-accel-buffering')).toBe('no');
    const snapshot = await live.next((e) => e.event === 'snapshot');
    expect(figures(snapshot)).toMatchObject({ title: campaign.title, totalStock: 10, soldUnits: 0, stockLeft: 10, reservedUnits: 0, paidUnits: 0, paused: false });
    expect((snapshot.data as LiveState).notifications).toEqual({
      sms: { queued: 0, sent: 0, delivered: 0, failed: 0 },
      dm: { queued: 0, sent: 0, delivered: 0, failed: 0 },
    });

    expect((await buy('13800000001', 2)).status).toBe(201);
    const order = await live.next((e) => e.event === 'order');
    expect(order.data).toMatchObject({ campaignId: campaign.id, soldDelta: 2, reservedDelta: 2, paidDelta: 0, refundedDelta: 0 });
    const changed = await live.next((e) => e.event === 'campaign');
    expect(changed.data as LiveCampaign).toMatchObject({ id: campaign.id, stockLeft: 8, reservedUnits: 2, ordersLastMinute: 1 });

    const [v] = await issueVouchers(running.server.db, world.merchant.id, { id: campaign.id, usesPerVoucher: 2, validFrom: new Date(campaign.validFrom), validUntil: new Date(campaign.validUntil) }, { count: 1 });
    const from = live.events.length;
    await insertRedemption(running.server.db, { merchantId: world.merchant.id, voucherId: v!.id, storeId: world.stores.a.id, terminalId: world.terminal.id, at: running.clock.now().toISOString(), count: 2 });
    const redeemed = await live.next((e) => e.event === 'redemptions', from);
    expect(redeemed.data).toMatchObject({ count: 1, uses: 2, countDelta: 1, usesDelta: 2, byStore: [{ storeId: world.stores.a.id, count: 1, uses: 2 }] });
    expect(live.events.every((e, i) => e.id === String(i + 1))).toBe(true);
  });

  it('gives a reconnecting client a snapshot of everything so far, and another merchant nothing of this one', async () => {
    const again = await connect(running.server, await ticket(owner));
    const snapshot = await again.next((e) => e.event === 'snapshot');
    expect(figures(snapshot)).toMatchObject({ soldUnits: 2, stockLeft: 8, reservedUnits: 2 });
    expect((snapshot.data as LiveState).redemptions).toMatchObject({ count: 1, uses: 2 });
    const theirs = await connect(running.server, await ticket(otherOwner));
    const other = await theirs.next((e) => e.event === 'snapshot');
    expect(other.data).toMatchObject({ campaigns: [], redemptions: { count: 0, uses: 0, byStore: [] } });
  });

  it('takes a ticket once, on any node, and refuses a missing, reused or unsigned one', async () => {
    const t = await ticket(owner);
    const first = await connect(nodeB, t);
    await first.next((e) => e.event === 'snapshot');
    for (const url of [`${running.server.url}/api/v1/merchant/live/events?ticket=${t}`, `${running.server.url}/api/v1/merchant/live/events`, `${running.server.url}/api/v1/merchant/live/events?ticket=${'x'.repeat(43)}`]) {
      const res = await fetch(url);
      expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([401, 'LIVE_TICKET_INVALID']);
    }
    expect(errorCode(await owner.withToken(undefined).post('/merchant/live/ticket', {}))).toBe('UNAUTHORIZED');
    const late = await ticket(owner);
    running.clock.advance(61_000);
    const stale = await fetch(`${running.server.url}/api/v1/merchant/live/events?ticket=${late}`);
    expect(stale.status).toBe(401);
  });

  it('a signed-out session can no longer open the stream with a ticket it minted', async () => {
    const t = await ticket(owner);
    expect((await owner.post('/merchant/logout', {})).status).toBeLessThan(300);
    const res = await fetch(`${running.server.url}/api/v1/merchant/live/events?ticket=${t}`);
    expect(res.status).toBe(401);
  });
});
