import { isErrorCode, type ErrorCode } from '../../../core/errors';
import { fail, type Failure, type Success } from '../../../core/result';

/** Conditions only a client sees: they never cross the wire, so they are not in core/errors.ts. */
export const CLIENT_ERROR_CODES = ['NETWORK_TIMEOUT', 'NETWORK_UNREACHABLE', 'BAD_RESPONSE'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

export type ApiErrorCode = ErrorCode | ClientErrorCode;

/** A field the server refused (`details.fields` of VALIDATION_FAILED), so a form can mark it. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ApiFailure extends Failure<ApiErrorCode> {
  readonly fields?: readonly FieldError[];
}

export type ApiResult<T> = Success<T> | ApiFailure;

/** True when no answer came back at all: the server is (for now) out of reach. */
export function isTransportFailure(failure: ApiFailure): boolean {
  return failure.code === 'NETWORK_TIMEOUT' || failure.code === 'NETWORK_UNREACHABLE';
}

/**
 * True when a write may or may not have happened: no answer, a server or proxy failure, or an
 * answer the POS cannot read. Only the server's record (by redemption id) can settle it.
 */
export function isOutcomeUnknown(failure: ApiFailure): boolean {
  return isTransportFailure(failure) || ['INTERNAL', 'UNAVAILABLE', 'BAD_RESPONSE'].includes(failure.code);
}

function fieldsOf(details: unknown): FieldError[] | null {
  const fields = (details as { fields?: unknown } | null)?.fields;
  if (!Array.isArray(fields)) return null;
  return fields.filter((f): f is FieldError => typeof f?.field === 'string' && typeof f?.message === 'string');
}

/** Reads `{ error: { code, message, details? } }`; anything else becomes BAD_RESPONSE or the status's code. */
export function failureFromBody(status: number, body: unknown): ApiFailure {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
  if (typeof error?.code === 'string' && isErrorCode(error.code)) {
    const fields = fieldsOf(error.details);
    return fields ? { ...fail(error.code, message), fields } : fail(error.code, message);
  }
  if (status === 401) return fail('UNAUTHORIZED', message);
  if (status === 429) return fail('RATE_LIMITED', message);
  if (status === 503) return fail('UNAVAILABLE', message);
  if (status >= 500) return fail('INTERNAL', message);
  return fail('BAD_RESPONSE', message);
}
