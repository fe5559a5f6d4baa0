import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { routeLabel } from '../../../server/metrics/http-metrics';
import { isLoopback } from '../../../server/metrics/metrics-access';

const request = (url: string, extra: Record<string, unknown> = {}) => ({ url, ...extra }) as unknown as IncomingMessage;

describe('metrics route labels', () => {
  it('names Express routes by pattern, hot routes by theirs, and everything else unmatched', () => {
    expect(routeLabel(request('/redemptions/x', { originalUrl: '/api/v1/redemptions/abc', route: { path: '/redemptions/:id' } }))).toBe('/api/v1/redemptions/:id');
    expect(routeLabel(request('/metrics', { originalUrl: '/metrics', route: { path: '/metrics' } }))).toBe('/metrics');
    expect(routeLabel(request('/api/v1/vouchers/redeem'))).toBe('/api/v1/vouchers/redeem');
    expect(routeLabel(request('/api/v1/flash-sales/c-123/orders'))).toBe('/api/v1/flash-sales/:campaignId/orders');
    expect(routeLabel(request('/api/v1/channels/douyin/events'))).toBe('/api/v1/channels/:channel/events');
    expect(routeLabel(request('/admin/campaigns?x=1'))).toBe('/admin');
    expect(routeLabel(request('/api/v1/vouchers/123456789012'))).toBe('unmatched');
    expect(routeLabel(request('/wp-login.php'))).toBe('unmatched');
  });

  it('counts only loopback addresses as this host', () => {
    expect(['127.0.0.1', '127.8.9.1', '::1', '::ffff:127.0.0.1'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['10.0.0.1', '::ffff:10.0.0.1', '1270.0.0.1', '', undefined].map(isLoopback)).toEqual([false, false, false, false, false]);
  });
});
