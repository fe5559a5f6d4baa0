import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { failureAnswer, type HttpAnswer } from './answer';
import { sendAnswer, sendError } from './send';

export const notFound: RequestHandler = (req, res) => {
  sendError(res, 'NOT_FOUND', `no route for ${req.method} ${req.path}`);
};

interface HttpishError {
  type?: unknown;
  status?: unknown;
}

/** Bad input never becomes a 500; anything unexpected is logged and answered without its stack. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const e = (typeof error === 'object' && error !== null ? error : {}) as HttpishError;
    if (e.type === 'entity.parse.failed') {
      sendError(res, 'MALFORMED_JSON', 'the request body is not valid JSON');
    } else if (e.type === 'entity.too.large' || e.status === 413) {
      sendError(res, 'PAYLOAD_TOO_LARGE', 'the request body is too large');
    } else if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      const what = error instanceof URIError ? 'path' : 'body';
      sendError(res, 'VALIDATION_FAILED', `the request ${what} cannot be read`);
    } else {
      sendAnswer(res, unexpectedFailure(logger, error, req.method, req.path));
    }
  };
}

/** Something broke that no input explains: logged with its stack, answered without it. */
export function unexpectedFailure(logger: Logger, error: unknown, method: string, path: string): HttpAnswer {
  logger.error({ err: error, method, path }, 'unexpected error');
  return failureAnswer({ code: 'INTERNAL', message: 'internal error' });
}
