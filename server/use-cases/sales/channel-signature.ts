import { timingSafeEqual } from 'node:crypto';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from '../../notifications/webhook-signature';
import { failure, type AppFailure } from '../outcome';

/**
 * Channel webhooks use Hexiao's webhook signature: `X-Hexiao-Signature: v1=<hex HMAC-SHA256 of
 * "<X-Hexiao-Timestamp>.<raw body>">`, and name the merchant in `X-Hexiao-Merchant`.
 */
export const MERCHANT_HEADER = 'x-hexiao-merchant';
export { SIGNATURE_HEADER, TIMESTAMP_HEADER };

export interface SignedRequest {
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
}

/** Null when one of `secrets` signed this body within `toleranceSeconds` of now. */
export function checkChannelSignature(
  request: SignedRequest,
  secrets: readonly string[],
  nowSeconds: number,
  toleranceSeconds: number,
): AppFailure | null {
  const { timestamp, signature } = request;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature) {
    return failure('WEBHOOK_SIGNATURE_INVALID', `${TIMESTAMP_HEADER} and ${SIGNATURE_HEADER} headers are required`);
  }
  const skew = Math.abs(nowSeconds - Number(timestamp));
  if (skew > toleranceSeconds) {
    return failure('WEBHOOK_TIMESTAMP_STALE', `the timestamp is ${skew} s from now (at most ${toleranceSeconds} s)`, { skewSeconds: skew });
  }
  const given = Buffer.from(signature);
  for (const secret of secrets) {
    const expected = Buffer.from(webhookSignature(secret, Number(timestamp), request.rawBody));
    if (expected.length === given.length && timingSafeEqual(expected, given)) return null;
  }
  return failure('WEBHOOK_SIGNATURE_INVALID', 'the signature does not match');
}
