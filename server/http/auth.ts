import type { RequestHandler, Response } from 'express';
import type { TerminalSession } from '../repositories/terminal-session';
import type { TerminalAuthenticator } from '../security/terminal-authenticator';
import { failureAnswer, type HttpAnswer } from './answer';
import { sendAnswer } from './send';

const BEARER = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/;

/** The terminal behind an `Authorization: Bearer <device token>` header, if any. */
export async function terminalOf(
  authenticator: TerminalAuthenticator,
  authorization: string | undefined,
): Promise<TerminalSession | undefined> {
  const match = BEARER.exec(authorization ?? '');
  return match?.[1] ? authenticator.authenticate(match[1]) : undefined;
}

/** What a request without a valid device token gets (also served by the hot routes). */
export const UNAUTHORIZED_ANSWER: HttpAnswer = {
  ...failureAnswer({ code: 'UNAUTHORIZED', message: 'a valid device token is required; pair this terminal' }),
  headers: { 'WWW-Authenticate': 'Bearer' },
};

/** Requires `Authorization: Bearer <device token>` and puts the terminal's session on `res.locals`. */
export function requireTerminal(authenticator: TerminalAuthenticator): RequestHandler {
  return async (req, res, next) => {
    const session = await terminalOf(authenticator, req.headers.authorization);
    if (!session) {
      sendAnswer(res, UNAUTHORIZED_ANSWER);
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
