import type { RequestHandler } from 'express';
import { isIP } from 'node:net';
import type { RateLimiter, RateRule } from '../security/limits/rate-limiter';
import { failure } from '../use-cases/outcome';
import { failureAnswer, type HttpAnswer } from './answer';
import { sendAnswer } from './send';

const MINUTE = 60_000;

/** Requests per client address (and per buyer where the route knows one) on the routes anyone may call. */
export interface PublicRateLimits {
  login: RateRule;
  pairing: RateRule;
  flashSaleOrder: RateRule;
  /** Per buyer phone, whatever address the orders come from. */
  flashSaleBuyer: RateRule;
  channelEvent: RateRule;
  notificationCallback: RateRule;
  liveEvents: RateRule;
  health: RateRule;
}

export const DEFAULT_PUBLIC_RATE_LIMITS: PublicRateLimits = {
  login: { limit: 30, windowMs: MINUTE },
  pairing: { limit: 30, windowMs: MINUTE },
  // A mobile carrier puts many buyers behind one address: the address limit is wide, the buyer's narrow.
  flashSaleOrder: { limit: 1_200, windowMs: MINUTE },
  flashSaleBuyer: { limit: 20, windowMs: MINUTE },
  channelEvent: { limit: 3_000, windowMs: MINUTE },
  notificationCallback: { limit: 3_000, windowMs: MINUTE },
  liveEvents: { limit: 60, windowMs: MINUTE },
  health: { limit: 600, windowMs: MINUTE },
};

export interface PublicLimits {
  limiter: RateLimiter;
  rules: PublicRateLimits;
}

/**
 * A loopback peer that is not a trusted proxy is this host: a local reverse proxy whose operator has
 * not set HEXIAO_TRUSTED_PROXIES (then every client would share its address, and one busy client
 * would block all of them), the bench or a test. Per-address limits skip it; per-buyer limits do not.
 */
export function isLoopback(address: string): boolean {
  return isIP(address) === 4 ? address.startsWith('127.') : address === '::1';
}

/** 0 when the request may go on, else milliseconds to wait. */
export async function takeByAddress(limits: PublicLimits, name: keyof PublicRateLimits, address: string): Promise<number> {
  return isLoopback(address) ? 0 : limits.limiter.take(name, limits.rules[name], address);
}

export function rateLimitAnswer(waitMs: number): HttpAnswer {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return failureAnswer(failure('RATE_LIMITED', `too many requests; try again in ${retryAfterSeconds} s`, { retryAfterSeconds }));
}

/** Express middleware: limits a route by the client address (req.ip, which honours the trusted proxies). */
export function limitByAddress(limits: PublicLimits, name: keyof PublicRateLimits): RequestHandler {
  return async (req, res, next) => {
    const wait = await takeByAddress(limits, name, req.ip ?? 'unknown');
    if (wait > 0) sendAnswer(res, rateLimitAnswer(wait));
    else next();
  };
}
