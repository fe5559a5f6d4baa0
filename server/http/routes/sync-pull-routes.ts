import type { Router } from 'express';
import { PullQuery } from '../../../core/sync';
import { pullChanges } from '../../sync/pull/pull-changes';
import type { SyncDeps } from '../../sync/sync-deps';
import { recordTerminalContact } from '../../sync/terminal-contact';
import { requireTerminal, sessionOf } from '../auth';
import { sendOutcome } from '../send';
import { validate } from '../validate';

export function syncPullRoutes(router: Router, deps: SyncDeps): void {
  router.get('/sync/pull', requireTerminal(deps.authenticator), recordTerminalContact(deps), async (req, res) => {
    const query = validate(PullQuery, req.query);
    sendOutcome(res, query.ok ? await pullChanges(deps, sessionOf(res), query.value) : query);
  });
}
