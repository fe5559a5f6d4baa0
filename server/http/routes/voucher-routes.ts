import { performance } from 'node:perf_hooks';
import type { RequestHandler, Router } from 'express';
import { PrepareRequest, RedeemRequest } from '../../../core/redemption-api';
import type { TerminalSession } from '../../repositories/terminal-session';
import type { UseCaseDeps } from '../../use-cases/deps';
import { prepareVoucher } from '../../use-cases/prepare-voucher';
import { redeemVoucher } from '../../use-cases/redeem-voucher';
import { outcomeAnswer, type HttpAnswer } from '../answer';
import { requireTerminal, sessionOf } from '../auth';
import { sendAnswer, sendOutcome } from '../send';
import { validate } from '../validate';

const countOnly = (fields: string[]) => (fields.every((f) => f === 'count') ? 'COUNT_INVALID' : 'VALIDATION_FAILED');

export function voucherRoutes(router: Router, deps: UseCaseDeps, json: RequestHandler): void {
  const auth = requireTerminal(deps.authenticator);
  router.post('/vouchers/prepare', auth, json, async (req, res) => {
    const input = validate(PrepareRequest, req.body);
    sendOutcome(res, input.ok ? await prepareVoucher(deps, sessionOf(res), input.value, req.ip ?? 'unknown') : input);
  });
  router.post('/vouchers/redeem', auth, json, async (req, res) => {
    sendAnswer(res, await redeemAnswer(deps, sessionOf(res), req.body, req.ip ?? 'unknown'));
  });
}

/** The answer to an authenticated redeem, from its parsed JSON body (also served by the hot routes). */
export async function redeemAnswer(deps: UseCaseDeps, session: TerminalSession, body: unknown, client: string): Promise<HttpAnswer> {
  const started = performance.now();
  const input = validate(RedeemRequest, body, countOnly);
  const answer = outcomeAnswer(input.ok ? await redeemVoucher(deps, session, input.value, client) : input);
  deps.metrics?.redeem(answer, started);
  return answer;
}
