import { performance } from 'node:perf_hooks';
import express, { type Router } from 'express';
import { MAX_PUSH_ENTRIES, PushRequest } from '../../../core/sync';
import { recordContact } from '../../repositories/terminal-contact';
import { applyPush } from '../../sync/push/apply-push';
import { rateLimited } from '../../use-cases/rate-limited';
import type { SyncDeps } from '../../sync/sync-deps';
import { recordTerminalContact } from '../../sync/terminal-contact';
import { requireTerminal, sessionOf } from '../auth';
import { sendError, sendFailure } from '../send';
import { validate } from '../validate';

/** 500 entries of a few hundred bytes each, with room to spare. */
export const PUSH_BODY_LIMIT = '1mb';

export function syncPushRoutes(router: Router, deps: SyncDeps): void {
  const json = express.json({ limit: PUSH_BODY_LIMIT });
  router.post('/sync/push', requireTerminal(deps.authenticator), recordTerminalContact(deps), json, async (req, res) => {
    const entries = (req.body as { entries?: unknown } | undefined)?.entries;
    if (Array.isArray(entries) && entries.length > MAX_PUSH_ENTRIES) {
      sendError(res, 'PAYLOAD_TOO_LARGE', `a push carries at most ${MAX_PUSH_ENTRIES} entries; send the rest in the next one`);
      return;
    }
    const input = validate(PushRequest, req.body);
    if (!input.ok) return sendFailure(res, input);
    const seqs = new Set(input.value.entries.map((e) => e.seq));
    if (seqs.size !== input.value.entries.length) return sendError(res, 'VALIDATION_FAILED', 'entries: a sequence number appears twice');
    const session = sessionOf(res);
    if (input.value.deviceId !== session.terminal.id) return sendError(res, 'FORBIDDEN', 'deviceId is not the terminal this token belongs to');

    const started = performance.now();
    const answer = await applyPush(deps, session, input.value, req.ip ?? 'unknown');
    deps.metrics?.syncPush(answer.kind.replace('-', '_'), answer.kind === 'ok' ? answer.response.results : [], started);
    if (answer.kind === 'ok') {
      // After the push: its own offline entries were judged against the contact before it.
      await recordContact(deps.db, session, deps.now());
      res.status(200).json(answer.response);
    } else if (answer.kind === 'rate-limited') {
      sendFailure(res, rateLimited(answer.waitMs));
    } else if (answer.kind === 'unavailable') {
      res.status(503).json({ error: { code: 'UNAVAILABLE', message: answer.message }, lastSeq: answer.lastSeq });
    } else {
      sendError(res, 'SEQUENCE_REUSED', `sequence ${answer.seq} was used by another entry of this device: its outbox was reset; pair it again`);
    }
  });
}
