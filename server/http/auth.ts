import type { RequestHandler, Response } from 'express';
import type { TerminalSession } from '../repositories/terminal-session';
import type { TerminalAuthenticator } from '../security/terminal-authenticator';
import { sendError } from './send';

const BEARER = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/;

/** Requires `Authorization: Bearer <device token>` and puts the terminal's session on `res.locals`. */
export function requireTerminal(authenticator: TerminalAuthenticator): RequestHandler {
  return async (req, res, next) => {
    const match = BEARER.exec(req.headers.authorization ?? '');
    const session = match?.[1] ? await authenticator.authenticate(match[1]) : undefined;
    if (!session) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      sendError(res, 'UNAUTHORIZED', 'a valid device token is required; pair this terminal');
      return;
    }
    res.locals['session'] = session;
    next();
  };
}

export function sessionOf(res: Response): TerminalSession {
  const session = res.locals['session'] as TerminalSession | undefined;
  if (!session) throw new Error('route is missing requireTerminal');
  return session;
}
