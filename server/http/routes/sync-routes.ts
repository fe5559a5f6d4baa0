import type { RequestHandler, Router } from 'express';
import type { SyncDeps } from '../../sync/sync-deps';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { conflictRoutes } from './conflict-routes';
import { syncEventsRoutes } from './sync-events-routes';
import { syncLeaseRoutes } from './sync-lease-routes';
import { syncPolicyRoutes } from './sync-policy-routes';
import { syncPullRoutes } from './sync-pull-routes';
import { syncPushRoutes } from './sync-push-routes';

/** Terminal sync (push, pull, events) and the merchant's side of it (leases, offline policy, conflicts). */
export function syncRoutes(router: Router, sync: SyncDeps, backoffice: BackofficeDeps, json: RequestHandler): void {
  syncPushRoutes(router, sync);
  syncPullRoutes(router, sync);
  syncEventsRoutes(router, sync);
  syncLeaseRoutes(router, backoffice, json);
  syncPolicyRoutes(router, backoffice, json);
  conflictRoutes(router, backoffice, json);
}
