import type { ErrorCode } from '../../core/errors';
import type { Failure, Success } from '../../core/result';

/** A use case's answer: a value, or a failure with a stable code and optional machine-readable details. */
export interface AppFailure extends Failure<ErrorCode> {
  readonly details?: Readonly<Record<string, unknown>>;
}

export type Outcome<T> = Success<T> | AppFailure;

export function failure(code: ErrorCode, message: string, details?: Record<string, unknown>): AppFailure {
  return details ? { ok: false, code, message, details } : { ok: false, code, message };
}

export const VOUCHER_NOT_FOUND_MESSAGE = 'no voucher with this code';
