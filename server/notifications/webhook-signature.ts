import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Hexiao's webhook signature, both directions (our sends to a merchant gateway, its delivery
 * callbacks to us): `X-Hexiao-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`
 * with `X-Hexiao-Timestamp: <unix seconds>`; the timestamp bounds replays.
 */

export const SIGNATURE_HEADER = 'x-hexiao-signature';
export const TIMESTAMP_HEADER = 'x-hexiao-timestamp';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function webhookSignature(secret: string, timestamp: number, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex')}`;
}

export function signedWebhookHeaders(secret: string, timestamp: number, rawBody: string): Record<string, string> {
  return { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: webhookSignature(secret, timestamp, rawBody) };
}

export function verifyWebhookSignature(input: {
  secret: string;
  rawBody: string;
  timestamp: string | undefined;
  signature: string | undefined;
  nowSeconds: number;
  toleranceSeconds?: number;
}): boolean {
  if (!input.timestamp || !/^\d{1,12}$/.test(input.timestamp) || !input.signature) return false;
  const timestamp = Number(input.timestamp);
  if (Math.abs(input.nowSeconds - timestamp) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(webhookSignature(input.secret, timestamp, input.rawBody));
  const given = Buffer.from(input.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
