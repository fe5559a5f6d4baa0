import type { RequestHandler } from 'express';
import { TERMINAL_REPORT_HEADERS } from '../../core/terminal-report';

// The till reports its outbox and version on sync requests (core/terminal-report).
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', ...Object.values(TERMINAL_REPORT_HEADERS)].join(', ');

/** Sets the CORS answer headers for a request from `origin`. */
export type CorsHeaders = (origin: string | undefined, res: { setHeader(name: string, value: string): unknown }) => void;

/**
 * CORS for the POS, which runs on another origin and authenticates with bearer tokens (no
 * cookies, so no credentials mode). `allowed` is `*` or a comma-separated list of origins.
 */
export function corsHeaders(allowed: string): CorsHeaders {
  const origins = allowed
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const any = origins.includes('*');
  return (origin, res) => {
    if (any) res.setHeader('Access-Control-Allow-Origin', '*');
    else {
      res.setHeader('Vary', 'Origin');
      if (origin && origins.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);
    }
  };
}

export function cors(allowed: string): RequestHandler {
  const setHeaders = corsHeaders(allowed);
  return (req, res, next) => {
    setHeaders(req.headers.origin, res);
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
