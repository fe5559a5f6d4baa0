import type { RequestHandler } from 'express';

/**
 * CORS for the POS, which runs on another origin and authenticates with bearer tokens (no
 * cookies, so no credentials mode). `allowed` is `*` or a comma-separated list of origins.
 */
export function cors(allowed: string): RequestHandler {
  const origins = allowed
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const any = origins.includes('*');
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (any) res.setHeader('Access-Control-Allow-Origin', '*');
    else {
      res.setHeader('Vary', 'Origin');
      if (origin && origins.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);
    }
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
