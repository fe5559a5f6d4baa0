import type { RequestHandler, Response } from 'express';
import type { TerminalSession } from '../repositories/terminal-session';
import type { TerminalAuthenticator, TokenCheck } from '../security/terminal-authenticator';
import { failureAnswer, type HttpAnswer } from './answer';
import { bearerToken } from './bearer';
import { sendAnswer } from './send';


/** The terminal behind an `Authorization: Bearer <device token>` header, or why it is refused. */
export async function terminalOf(authenticator: TerminalAuthenticator, authorization: string | undefined): Promise<TokenCheck> {
  const token = bearerToken(authorization);
  return token ? authenticator.check(token) : { ok: false, refusal: 'UNAUTHORIZED' };
}

/** A disabled till keeps its token (the POS keeps its pairing) but is refused until it is enabled. */
export const TERMINAL_DISABLED_ANSWER: HttpAnswer = failureAnswer({
  code: 'TERMINAL_DISABLED',
  message: 'this till is disabled in the back office; it works again once it is enabled',
});

export function refusalAnswer(refusal: 'UNAUTHORIZED' | 'TERMINAL_DISABLED'): HttpAnswer {
  return refusal === 'TERMINAL_DISABLED' ? TERMINAL_DISABLED_ANSWER : UNAUTHORIZED_ANSWER;
}

/** What a request without a valid device token gets (also served by the hot routes). */
export const UNAUTHORIZED_ANSWER: HttpAnswer = {
  ...failureAnswer({ code: 'UNAUTHORIZED', message: 'a valid device token is required; pair this terminal' }),
  headers: { 'WWW-Authenticate': 'Bearer' },
};

/** Requires `Authorization: Bearer <device token>` and puts the terminal's session on `res.locals`. */
export function requireTerminal(authenticator: TerminalAuthenticator): RequestHandler {
  return async (req, res, next) => {
    const check = await terminalOf(authenticator, req.headers.authorization);
    if (!check.ok) {
      sendAnswer(res, refusalAnswer(check.refusal));
      return;
    }
    res.locals['session'] = check.session;
    next();
  };
}

export function sessionOf(res: Response): TerminalSession {
  const session = res.locals['session'] as TerminalSession | undefined;
  if (!session) throw new Error('route is missing requireTerminal');
  return session;
}
