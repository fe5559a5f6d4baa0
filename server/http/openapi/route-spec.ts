import type { z } from 'zod';
import type { ErrorCode } from '../../../core/errors';
import type { MerchantRole } from '../../db/schema';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * How a route knows its caller: a terminal's device token, a back-office session token, a channel's
 * HMAC signature over the raw body, a provider's own callback signature, a one-use live-panel
 * ticket in the query, or nobody.
 */
export type RouteAuth = 'none' | 'terminal' | 'merchant' | 'channel-signature' | 'provider-callback' | 'live-ticket';

export type SuccessBody = 'json' | 'csv' | 'event-stream';

/** One route as the API documents it; the zod schemas are the objects its handler validates with. */
export interface RouteSpec {
  method: HttpMethod;
  /** Express path under /api/v1, `:name` for a parameter. */
  path: string;
  tag: string;
  summary: string;
  auth: RouteAuth;
  /** Back-office roles allowed (merchant auth only). */
  roles?: readonly MerchantRole[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The body is read as raw text and signed as such (channel webhooks, provider callbacks). */
  rawBody?: boolean;
  success: { status: number; description: string; body?: SuccessBody };
  /** Codes this route answers beyond the ones every route of its auth kind may answer. */
  errors: readonly ErrorCode[];
  /** A valid request: path parameters, query and body, each checked against its schema by the tests. */
  example?: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown };
}

/** Errors any route may answer for its kind of caller or body, listed once instead of per route. */
export function commonErrors(route: RouteSpec): ErrorCode[] {
  const codes: ErrorCode[] = ['NOT_FOUND', 'INTERNAL'];
  if (route.params || route.query || route.body) codes.push('VALIDATION_FAILED');
  if (route.body || route.rawBody) codes.push('MALFORMED_JSON', 'PAYLOAD_TOO_LARGE');
  if (route.auth === 'terminal') codes.push('UNAUTHORIZED', 'TERMINAL_DISABLED');
  if (route.auth === 'merchant') codes.push('UNAUTHORIZED', 'FORBIDDEN');
  if (route.auth === 'channel-signature') codes.push('WEBHOOK_SIGNATURE_INVALID', 'WEBHOOK_TIMESTAMP_STALE');
  if (route.auth === 'live-ticket') codes.push('LIVE_TICKET_INVALID', 'FORBIDDEN');
  return codes;
}

export function routeErrors(route: RouteSpec): ErrorCode[] {
  return [...new Set([...commonErrors(route), ...route.errors])];
}

/** Example ids: fixed so the document does not change between builds. */
export const EXAMPLE_ID = '0190b0c2-7d3e-7a51-9c41-5d2b6f1e8a01';
export const EXAMPLE_ID_2 = '0190b0c2-7d3e-7a51-9c41-5d2b6f1e8a02';
