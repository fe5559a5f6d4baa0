import type { Response } from 'express';
import { ERROR_STATUS, type ErrorCode } from '../../core/errors';
import type { AppFailure, Outcome } from '../use-cases/outcome';

/** The one error body shape: `{ error: { code, message, details? } }`. */
export function sendFailure(res: Response, failure: Pick<AppFailure, 'code' | 'message' | 'details'>): void {
  const retryAfter = failure.details?.['retryAfterSeconds'];
  if (failure.code === 'RATE_LIMITED' && typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
  const error = failure.details
    ? { code: failure.code, message: failure.message, details: failure.details }
    : { code: failure.code, message: failure.message };
  res.status(ERROR_STATUS[failure.code]).json({ error });
}

export function sendError(res: Response, code: ErrorCode, message: string): void {
  sendFailure(res, { code, message });
}

export function sendOutcome<T>(res: Response, outcome: Outcome<T>): void {
  if (outcome.ok) res.status(200).json(outcome.value);
  else sendFailure(res, outcome);
}
