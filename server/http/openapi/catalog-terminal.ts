import { z } from 'zod';
import { PrepareRequest, RedeemRequest } from '../../../core/redemption-api';
import { PullQuery, PushRequest } from '../../../core/sync';
import { CHANNEL_NAME, ChannelEvent } from '../../use-cases/sales/channel-event';
import { FlashSaleOrderRequest } from '../../use-cases/sales/place-flash-sale-order';
import { PinCheckRequest } from '../routes/catalog-routes';
import { FlashSaleParams } from '../routes/flash-sale-routes';
import { ResendRequest } from '../routes/notification-routes';
import { Params as RedemptionParams } from '../routes/redemption-routes';
import { PairRequest } from '../routes/terminal-routes';
import { EXAMPLE_ID, EXAMPLE_ID_2, type RouteSpec } from './route-spec';

/**
 * Path parameters these routes read without zod (the handler checks them itself or looks them up):
 * described here with the same rules the handler applies.
 */
export const ChannelPathParams = z.object({ channel: z.string().regex(CHANNEL_NAME) });
export const ProviderParams = z.object({ provider: z.string().min(1).max(64) });

const deviceTime = '2026-12-07T10:15:00+08:00';

/** Routes a paired terminal calls with its device token, and the public ones (health, buyers, channels). */
export const TERMINAL_ROUTES: RouteSpec[] = [
  {
    method: 'get', path: '/health', tag: 'operations', summary: 'Whether the server reaches its database', auth: 'none',
    success: { status: 200, description: '`{ ok: true, db: "sqlite" | "postgres" }`' }, errors: ['UNAVAILABLE'],
  },
  {
    method: 'get', path: '/health/live', tag: 'operations', summary: 'Liveness: the process answers (no database call)', auth: 'none',
    success: { status: 200, description: '`{ ok: true }`' }, errors: [],
  },
  {
    method: 'get', path: '/health/ready', tag: 'operations', summary: 'Readiness: database reachable, every migration applied, not stopping', auth: 'none',
    success: { status: 200, description: '`{ ok: true, db }`' }, errors: ['UNAVAILABLE'],
  },
  {
    method: 'get', path: '/openapi.json', tag: 'operations', summary: 'This document', auth: 'none',
    success: { status: 200, description: 'The OpenAPI 3.1 document' }, errors: [],
  },
  {
    method: 'post', path: '/terminals/pair', tag: 'terminal', summary: 'Trade a pairing code for a device token', auth: 'none',
    body: PairRequest, success: { status: 200, description: 'The device token and the terminal it belongs to' },
    errors: ['PAIRING_CODE_INVALID', 'RATE_LIMITED'], example: { body: { pairingCode: 'K7Q2-9XPM' } },
  },
  {
    method: 'get', path: '/terminals/me', tag: 'terminal', summary: 'The terminal, store and merchant behind the token', auth: 'terminal',
    success: { status: 200, description: 'The terminal session' }, errors: [],
  },
  {
    method: 'post', path: '/vouchers/prepare', tag: 'terminal', summary: 'Preview a voucher by its code before redeeming', auth: 'terminal',
    body: PrepareRequest, success: { status: 200, description: 'The voucher, its campaign and whether it can be redeemed here now' },
    errors: ['CODE_MALFORMED', 'CODE_CHECK_DIGIT', 'VOUCHER_NOT_FOUND', 'RATE_LIMITED', 'QR_MALFORMED', 'QR_BAD_SIGNATURE', 'QR_UNKNOWN_KEY', 'QR_EXPIRED'],
    example: { body: { code: '123456789018' } },
  },
  {
    method: 'post', path: '/vouchers/redeem', tag: 'terminal', summary: 'Redeem uses of a voucher (idempotent by redemptionId)', auth: 'terminal',
    body: RedeemRequest, success: { status: 200, description: 'The redemption, or the first answer to the same redemptionId' },
    errors: [
      'COUNT_INVALID', 'CODE_MALFORMED', 'CODE_CHECK_DIGIT', 'VOUCHER_NOT_FOUND', 'VOUCHER_EXHAUSTED', 'VOUCHER_NOT_ACTIVE', 'VOUCHER_NOT_YET_VALID',
      'VOUCHER_EXPIRED', 'NOT_VALID_AT_STORE', 'NOT_VALID_TODAY', 'NOT_VALID_THIS_HOUR', 'BLACKOUT_DATE', 'REDEMPTION_ID_REUSED', 'RATE_LIMITED',
      'QR_MALFORMED', 'QR_BAD_SIGNATURE', 'QR_UNKNOWN_KEY', 'QR_EXPIRED', 'LEASE_HELD_ELSEWHERE', 'UNAVAILABLE',
    ],
    example: { body: { redemptionId: EXAMPLE_ID, code: '123456789018', count: 1, cashierId: 'cashier-1', deviceTime } },
  },
  {
    method: 'get', path: '/redemptions/:id', tag: 'terminal', summary: 'A redemption made in this terminal\'s store', auth: 'terminal',
    params: RedemptionParams, success: { status: 200, description: 'The redemption' }, errors: ['REDEMPTION_NOT_FOUND'],
    example: { params: { id: EXAMPLE_ID } },
  },
  {
    method: 'post', path: '/terminal/pin-check', tag: 'terminal', summary: 'Check a cashier\'s or manager\'s PIN online', auth: 'terminal',
    body: PinCheckRequest, success: { status: 200, description: '`{ user }`: who signed in' }, errors: ['PIN_INVALID', 'PIN_LOCKED'],
    example: { body: { userId: 'user-1', pin: '1234' } },
  },
  {
    method: 'get', path: '/merchant-keys', tag: 'terminal', summary: 'The merchant\'s QR public keys, to verify voucher QR codes offline', auth: 'terminal',
    success: { status: 200, description: '`{ merchantId, keys }`' }, errors: [],
  },
  {
    method: 'post', path: '/notifications/resend', tag: 'terminal', summary: 'Send a voucher\'s code to its buyer again', auth: 'terminal',
    body: ResendRequest, success: { status: 200, description: 'The queued message' }, errors: ['VOUCHER_NOT_FOUND', 'RATE_LIMITED', 'NOTIFICATION_NOT_FOUND'],
    example: { body: { voucherId: EXAMPLE_ID } },
  },
  {
    method: 'post', path: '/sync/push', tag: 'sync', summary: 'Push outbox entries (gapless sequence per device, idempotent by clientId)', auth: 'terminal',
    body: PushRequest, success: { status: 200, description: 'Each entry\'s result and the last sequence number applied' },
    errors: ['FORBIDDEN', 'SEQUENCE_REUSED', 'RATE_LIMITED', 'UNAVAILABLE'],
    example: {
      body: {
        deviceId: 'terminal-1', sentAt: deviceTime,
        entries: [{ seq: 1, clientId: EXAMPLE_ID_2, intent: 'shift.open@1', args: { shiftId: EXAMPLE_ID, openingFloatFen: 20000, openedBy: 'user-1', approval: null }, deviceTime }],
      },
    },
  },
  {
    method: 'get', path: '/sync/pull', tag: 'sync', summary: 'Changes for this terminal\'s store since a cursor (a paged snapshot first)', auth: 'terminal',
    query: PullQuery, success: { status: 200, description: 'Changes and the next cursor' }, errors: ['CURSOR_INVALID'],
    example: { query: { limit: '500' } },
  },
  {
    method: 'get', path: '/sync/events', tag: 'sync', summary: 'Server-sent `nudge` events when the store\'s data changed', auth: 'terminal',
    success: { status: 200, description: 'An event stream', body: 'event-stream' }, errors: [],
  },
  {
    method: 'post', path: '/flash-sales/:campaignId/orders', tag: 'sales', summary: 'A buyer reserves units of a campaign on sale', auth: 'none',
    params: FlashSaleParams, body: FlashSaleOrderRequest, success: { status: 201, description: 'The reserved order, to pay within its window' },
    errors: ['CAMPAIGN_NOT_FOUND', 'CAMPAIGN_NOT_ON_SALE', 'SALE_NOT_STARTED', 'SALE_ENDED', 'OUT_OF_STOCK', 'BUYER_LIMIT_REACHED', 'PHONE_INVALID', 'RATE_LIMITED'],
    example: { params: { campaignId: EXAMPLE_ID }, body: { phone: '13800138000', quantity: 1, channel: 'douyin' } },
  },
  {
    method: 'post', path: '/channels/:channel/events', tag: 'sales', summary: 'A channel\'s signed `order.paid` or `order.refunded` webhook', auth: 'channel-signature',
    params: ChannelPathParams, body: ChannelEvent, rawBody: true,
    success: { status: 200, description: 'The vouchers issued or voided (the first answer again for a replay)' },
    errors: ['CAMPAIGN_NOT_FOUND', 'EVENT_REPLAYED', 'ORDER_NOT_FOUND', 'ORDER_NOT_PAID', 'ORDER_MISMATCH', 'OUT_OF_STOCK', 'BUYER_LIMIT_REACHED', 'CAMPAIGN_NOT_ON_SALE', 'SALE_ENDED'],
    example: {
      params: { channel: 'douyin' },
      body: { eventId: 'evt-1001', type: 'order.paid', order: { externalOrderId: 'dy-77001', campaignId: EXAMPLE_ID, phone: '13800138000', quantity: 1 } },
    },
  },
  {
    method: 'post', path: '/notifications/callbacks/:provider', tag: 'sales', summary: 'An SMS or DM provider\'s delivery report', auth: 'provider-callback',
    params: ProviderParams, rawBody: true, success: { status: 200, description: 'The provider\'s own acknowledgement' },
    errors: ['WEBHOOK_SIGNATURE_INVALID', 'WEBHOOK_TIMESTAMP_STALE', 'MALFORMED_JSON'], example: { params: { provider: 'webhook' } },
  },
];
