import type { Response } from 'express';
import type { ErrorCode } from '../../core/errors';
import type { AppFailure, Outcome } from '../use-cases/outcome';
import { failureAnswer, outcomeAnswer, type HttpAnswer } from './answer';

export function sendAnswer(res: Response, answer: HttpAnswer): void {
  if (answer.headers) res.set(answer.headers);
  res.status(answer.status).json(answer.body);
}

/** The one error body shape: `{ error: { code, message, details? } }`. */
export function sendFailure(res: Response, failure: Pick<AppFailure, 'code' | 'message' | 'details'>): void {
  sendAnswer(res, failureAnswer(failure));
}

export function sendError(res: Response, code: ErrorCode, message: string): void {
  sendFailure(res, { code, message });
}

export function sendOutcome<T>(res: Response, outcome: Outcome<T>): void {
  sendAnswer(res, outcomeAnswer(outcome));
}
