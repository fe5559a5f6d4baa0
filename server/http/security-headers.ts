import type { RequestHandler } from 'express';

/**
 * The policy of the server's pages (the back office, /api/docs): same-origin files only, plus what
 * only a header can say (frame-ancestors: no other site may frame them, against clickjacking).
 */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** API answers are JSON, never a page: nothing in them may load or be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Headers every answer carries (the hot routes write them too). */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** API answers: the common headers and the API's CSP. */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = { ...COMMON_SECURITY_HEADERS, 'Content-Security-Policy': API_CSP };

/** Sets the headers before any route answers; /admin and /api/docs replace the CSP with PAGE_CSP. */
export function securityHeaders(headers: Readonly<Record<string, string>>): RequestHandler {
  return (_req, res, next) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    next();
  };
}
