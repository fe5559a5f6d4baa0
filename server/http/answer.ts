import { ERROR_STATUS } from '../../core/errors';
import type { AppFailure, Outcome } from '../use-cases/outcome';

/** A route's answer before any framework writes it: Express routes and the node:http hot routes share these. */
export interface HttpAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** The one error body shape: `{ error: { code, message, details? } }`. */
export function failureAnswer(failure: Pick<AppFailure, 'code' | 'message' | 'details'>): HttpAnswer {
  const retryAfter = failure.details?.['retryAfterSeconds'];
  const headers = failure.code === 'RATE_LIMITED' && typeof retryAfter === 'number' ? { 'Retry-After': String(retryAfter) } : undefined;
  const error = failure.details
    ? { code: failure.code, message: failure.message, details: failure.details }
    : { code: failure.code, message: failure.message };
  return { status: ERROR_STATUS[failure.code], body: { error }, ...(headers ? { headers } : {}) };
}

export function outcomeAnswer<T>(outcome: Outcome<T>, status = 200): HttpAnswer {
  return outcome.ok ? { status, body: outcome.value } : failureAnswer(outcome);
}
