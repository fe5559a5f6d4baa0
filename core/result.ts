import type { ErrorCode } from './errors';

/** A failure as a value: a stable code for programs, a message for people. */
export interface Failure<C extends string = ErrorCode> {
  readonly ok: false;
  readonly code: C;
  readonly message: string;
}

export interface Success<T> {
  readonly ok: true;
  readonly value: T;
}

export type Result<T, C extends string = ErrorCode> = Success<T> | Failure<C>;

export function ok<T>(value: T): Success<T> {
  return { ok: true, value };
}

export function fail<C extends string>(code: C, message: string): Failure<C> {
  return { ok: false, code, message };
}
