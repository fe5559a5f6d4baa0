import type { RequestHandler } from 'express';
import { sendError } from './send';

/** The largest body any route reads (the catalog upload); each route's own parser has a tighter limit. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Refuses a declared body above `maxBytes` before any route, credential check or parser runs, so
 * even a route that reads no body answers 413 with a code. A chunked body without a length is
 * bounded by the route's own parser, or never read.
 */
export function bodyLimit(maxBytes: number = MAX_BODY_BYTES): RequestHandler {
  return (req, res, next) => {
    const declared = req.headers['content-length'];
    if (declared !== undefined && !(/^\d{1,15}$/.test(declared) && Number(declared) <= maxBytes)) {
      // The body is left unread: close the connection instead of draining it.
      res.setHeader('Connection', 'close');
      sendError(res, 'PAYLOAD_TOO_LARGE', `the request body is larger than ${maxBytes} bytes`);
      return;
    }
    next();
  };
}
