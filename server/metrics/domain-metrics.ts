import type { HttpAnswer } from '../http/answer';

/**
 * What the hot use cases report: each call takes the answer given and `performance.now()` at the
 * start. Optional in their deps, so code built without a server (tests, the bench's raw runs)
 * reports nothing.
 */
export interface DomainMetrics {
  redeem(answer: HttpAnswer, startedAt: number): void;
  flashSaleOrder(answer: HttpAnswer, startedAt: number): void;
  /** `result`: ok, rate_limited, unavailable, sequence_reused; `entries`: the statuses answered. */
  syncPush(result: string, entries: readonly { status: string }[], startedAt: number): void;
}

/** `ok`, or the stable error code of a refusal: a small, fixed set of label values. */
export function outcomeOf(answer: HttpAnswer): string {
  if (answer.status < 400) return 'ok';
  const code = (answer.body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === 'string' ? code : `HTTP_${answer.status}`;
}
