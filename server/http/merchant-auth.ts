import type { RequestHandler, Response } from 'express';
import type { MerchantRole } from '../db/schema';
import type { MerchantSession } from '../repositories/backoffice/merchant-session';
import { findMerchantSession } from '../repositories/backoffice/session-repository';
import { sha256Hex } from '../security/secrets';
import type { BackofficeDeps } from '../use-cases/backoffice/deps';
import { bearerToken } from './bearer';
import { sendError } from './send';

/**
 * Requires `Authorization: Bearer <merchant session token>`. Looked up on every request (no cache),
 * so a logout, a disabled user or a demotion takes effect on every node at once. Terminal device
 * tokens live in another table and never match here.
 */
export function requireMerchantUser(deps: BackofficeDeps, roles?: readonly MerchantRole[]): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req.headers.authorization);
    const session = token ? await findMerchantSession(deps.db, sha256Hex(token), deps.now().toISOString()) : undefined;
    if (!token || !session) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      sendError(res, 'UNAUTHORIZED', 'sign in to the back office first');
      return;
    }
    if (roles && !roles.includes(session.user.role)) {
      sendError(res, 'FORBIDDEN', `this needs the role ${roles.join(' or ')}`);
      return;
    }
    res.locals['merchantSession'] = session;
    res.locals['merchantToken'] = token;
    next();
  };
}

export function merchantSessionOf(res: Response): MerchantSession {
  const session = res.locals['merchantSession'] as MerchantSession | undefined;
  if (!session) throw new Error('route is missing requireMerchantUser');
  return session;
}

export function merchantTokenOf(res: Response): string {
  const token = res.locals['merchantToken'] as string | undefined;
  if (!token) throw new Error('route is missing requireMerchantUser');
  return token;
}
