import type { Logger } from 'pino';
import type { Db } from '../db/database';
import type { NudgeHub } from './nudge/nudge-hub';
import { pruneChangeLog } from './pull/prune-change-log';
import { createNudgeHub } from './sync-deps';

export interface SyncRuntimeOptions {
  /** Changes are kept this long; a terminal away longer starts over with a snapshot. Default 30 days. */
  logRetentionDays?: number;
  pruneEveryMs?: number;
}

/** What sync runs in the background of a server: the nudge hub and pruning of the change log. */
export interface SyncRuntime {
  hub: NudgeHub;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createSyncRuntime(db: Db, logger: Logger, now: () => Date, options: SyncRuntimeOptions = {}): SyncRuntime {
  const hub = createNudgeHub(db, logger);
  const retentionMs = (options.logRetentionDays ?? 30) * 86_400_000;
  let timer: NodeJS.Timeout | undefined;
  const prune = () =>
    pruneChangeLog(db, new Date(now().getTime() - retentionMs)).then(
      (removed) => removed > 0 && logger.info({ removed }, 'sync: pruned old changes'),
      (error: unknown) => logger.warn({ err: error }, 'sync: pruning the change log failed'),
    );
  return {
    hub,
    async start() {
      await hub.start();
      timer = setInterval(() => void prune(), options.pruneEveryMs ?? 3_600_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await hub.stop();
    },
  };
}
