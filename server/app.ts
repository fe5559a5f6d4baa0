import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Db } from './db/database';
import { adminAppRoutes } from './http/admin-app';
import { bodyLimit } from './http/body-limit';
import { cors } from './http/cors';
import { errorHandler, notFound } from './http/error-handler';
import { API_SECURITY_HEADERS, securityHeaders } from './http/security-headers';
import { apiDocsRoutes, openApiRoutes } from './http/openapi/openapi-routes';
import { dashboardRoutes } from './http/routes/dashboard-routes';
import { campaignExtraRoutes } from './http/routes/campaign-extra-routes';
import { campaignRoutes } from './http/routes/campaign-routes';
import { catalogRoutes } from './http/routes/catalog-routes';
import { channelEventRoutes } from './http/routes/channel-event-routes';
import { flashSaleRoutes } from './http/routes/flash-sale-routes';
import { campaignSettlementRoutes } from './http/routes/campaign-settlement-routes';
import { healthRoutes, type Lifecycle } from './http/routes/health-routes';
import { ledgerRoutes } from './http/routes/ledger-routes';
import { merchantAuthRoutes } from './http/routes/merchant-auth-routes';
import { merchantChannelRoutes } from './http/routes/merchant-channel-routes';
import { liveRoutes } from './http/routes/live-routes';
import { merchantKeyRoutes } from './http/routes/merchant-key-routes';
import { memberExportRoutes } from './http/routes/member-export-routes';
import { memberRoutes } from './http/routes/member-routes';
import { merchantUserRoutes } from './http/routes/merchant-user-routes';
import { notificationRoutes } from './http/routes/notification-routes';
import { redemptionRoutes } from './http/routes/redemption-routes';
import { reportRoutes } from './http/routes/report-routes';
import { settlementRoutes } from './http/routes/settlement-routes';
import { statsRoutes } from './http/routes/stats-routes';
import { storeRoutes } from './http/routes/store-routes';
import { auditRoutes } from './http/routes/audit-routes';
import { terminalAdminRoutes } from './http/routes/terminal-admin-routes';
import { supportResendRoutes } from './http/routes/support-resend-routes';
import { supportRoutes } from './http/routes/support-routes';
import { syncRoutes } from './http/routes/sync-routes';
import { terminalRoutes } from './http/routes/terminal-routes';
import { terminalUserRoutes } from './http/routes/terminal-user-routes';
import { voucherRoutes } from './http/routes/voucher-routes';
import { LiveHub } from './live/live-hub';
import { metricsRoute } from './metrics/metrics-route';
import type { ServerMetrics } from './metrics/server-metrics';
import { redeemStatementFor } from './repositories/redeem-statement';
import { alertOnGuessingLock } from './security/limits/alert-on-lock';
import { CounterStore } from './security/limits/counter-store';
import type { EscalatingTier } from './security/limits/escalation';
import { GuessingGuard } from './security/limits/guessing-guard';
import { DEFAULT_GUESSING_LIMITS, type GuessingLimits } from './security/limits/guessing-limits';
import { SharedLimit } from './security/limits/shared-limit';
import { TRUST_NO_PROXY, type TrustedProxies } from './http/client-address';
import { securityAlertRoutes } from './http/routes/security-alert-routes';
import { publicRateLimitRoutes } from './http/routes/public-rate-limit-routes';
import { DEFAULT_PUBLIC_RATE_LIMITS, type PublicRateLimits } from './http/public-rate-limits';
import { RateLimiter } from './security/limits/rate-limiter';
import { TerminalAuthenticator } from './security/terminal-authenticator';
import { NudgeHub } from './sync/nudge/nudge-hub';
import { createBackofficeDeps } from './use-cases/backoffice/deps';
import type { UseCaseDeps } from './use-cases/deps';
import { createSalesRuntime, type SalesRuntime } from './use-cases/sales/sales-runtime';

export interface AppDeps {
  db: Db;
  logger: Logger;
  /** `*` (default) or a comma-separated list of origins. */
  corsOrigin?: string;
  now?: () => Date;
  /** Code guessing, per terminal, store and client address (shared by every node through the database). */
  lookupLimits?: GuessingLimits;
  pairingLimit?: EscalatingTier;
  /** HEXIAO_TRUSTED_PROXIES: only these peers' X-Forwarded-For names the client (default: none). */
  trustedProxies?: TrustedProxies;
  /** Requests per client address (and buyer) on the public routes. */
  rateLimits?: PublicRateLimits;
  authCacheTtlMs?: number;
  bodyLimit?: string;
  /** Selling: flash sales, channel webhooks, QR keys, notifications (defaults when absent). */
  sales?: SalesRuntime;
  /** Sync: tells terminals to pull (a started hub from the server; without one, only the nudge on connect). */
  nudgeHub?: NudgeHub;
  /** Sync: push entries per transaction (default 100). */
  syncPushGroupSize?: number;
  /** Shared with the hot routes, so both layers use one token cache and one set of rate limits. */
  useCases?: UseCaseDeps;
  /** The built back office served at /admin (default: out/admin, where `npm start` builds it). */
  adminDir?: string;
  /** The back office's live panel (a hub the server stops; a fresh one when absent). */
  liveHub?: LiveHub;
  /** Served at /metrics, and counted into by the hot use cases (see server/metrics). */
  metrics?: ServerMetrics;
  /** HEXIAO_METRICS_TOKEN: without it /metrics answers only this host (see metricsRefusal). */
  metricsToken?: string;
  /** `/health/ready` says no once `stopping` is set. */
  lifecycle?: Lifecycle;
}

export const API_PREFIX = '/api/v1';

/** Wrong pairing codes per client address: 10 in 5 minutes lock it for 5 minutes, doubled at each lock up to a day. */
export const DEFAULT_PAIRING_LIMIT: EscalatingTier = {
  maxHits: 10,
  windowMs: 5 * 60_000,
  baseLockoutMs: 5 * 60_000,
  maxLockoutMs: 24 * 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

/** Terminal-facing use-case deps (redeem statement, token cache, rate limits), built once per app. */
export function createUseCaseDeps(deps: AppDeps): UseCaseDeps {
  const now = deps.now ?? (() => new Date());
  const clock = () => now().getTime();
  const counters = new CounterStore(deps.db);
  return {
    db: deps.db,
    redeem: redeemStatementFor(deps.db),
    lookupGuard: new GuessingGuard(counters, deps.lookupLimits ?? DEFAULT_GUESSING_LIMITS, clock, alertOnGuessingLock(deps.db, deps.logger, now)),
    pairingGuard: new SharedLimit(counters, 'pair:a', [deps.pairingLimit ?? DEFAULT_PAIRING_LIMIT], clock),
    publicLimits: {
      limiter: new RateLimiter(counters, clock, (error) => deps.logger.warn({ err: error }, 'rate limits: sync with the database failed')),
      rules: deps.rateLimits ?? DEFAULT_PUBLIC_RATE_LIMITS,
    },
    authenticator: new TerminalAuthenticator(deps.db, deps.authCacheTtlMs, undefined, clock),
    now,
    logger: deps.logger,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  };
}

/** Builds the HTTP app without listening, so tests and the server share it. */
export function createApp(deps: AppDeps): Express {
  const now = deps.now ?? (() => new Date());
  const useCases = deps.useCases ?? createUseCaseDeps(deps);

  const app = express();
  app.disable('x-powered-by');
  // req.ip: the socket's peer, or the X-Forwarded-For client when that peer is a trusted proxy.
  const trusted = deps.trustedProxies ?? TRUST_NO_PROXY;
  app.set('trust proxy', (address: string) => trusted(address));
  // Answers are per-request JSON; hashing each body for an ETag costs time on the redeem path.
  app.set('etag', false);
  app.use(securityHeaders(API_SECURITY_HEADERS));
  app.use(cors(deps.corsOrigin ?? '*'));
  app.use(bodyLimit());
  if (deps.metrics) metricsRoute(app, deps.metrics, deps.metricsToken);

  // One flat router and a body parser only where a route reads a body: every layer a request
  // passes through costs time on the redeem path.
  const json = express.json({ limit: deps.bodyLimit ?? '32kb' });
  const api = express.Router();
  publicRateLimitRoutes(api, useCases.publicLimits, json);
  healthRoutes(api, deps.db, deps.lifecycle);
  openApiRoutes(api);
  terminalRoutes(api, useCases, json);
  voucherRoutes(api, useCases, json);
  redemptionRoutes(api, useCases);
  const backoffice = createBackofficeDeps({ db: deps.db, logger: deps.logger, now });
  merchantAuthRoutes(api, backoffice, json);
  merchantUserRoutes(api, backoffice, json);
  storeRoutes(api, backoffice, json);
  terminalAdminRoutes(api, { ...backoffice, authenticator: useCases.authenticator }, json);
  auditRoutes(api, backoffice);
  securityAlertRoutes(api, backoffice);
  campaignRoutes(api, backoffice, json);
  statsRoutes(api, backoffice);
  dashboardRoutes(api, backoffice);
  settlementRoutes(api, backoffice);
  liveRoutes(api, backoffice, deps.liveHub ?? new LiveHub(deps.db, now, deps.logger));
  campaignSettlementRoutes(api, backoffice);
  supportRoutes(api, backoffice, json);
  catalogRoutes(api, backoffice, useCases.authenticator, json);
  terminalUserRoutes(api, backoffice, json);
  memberExportRoutes(api, backoffice);
  memberRoutes(api, backoffice, json);
  reportRoutes(api, backoffice);
  ledgerRoutes(api, backoffice);
  const sales = deps.sales ?? createSalesRuntime(deps.db, deps.logger, now);
  flashSaleRoutes(api, sales.deps, json);
  channelEventRoutes(api, sales.deps);
  merchantChannelRoutes(api, backoffice, sales.deps.channelSecrets, json);
  campaignExtraRoutes(api, backoffice, sales.deps, json);
  merchantKeyRoutes(api, sales.deps, useCases.authenticator);
  notificationRoutes(api, sales.deps, useCases.authenticator, json);
  supportResendRoutes(api, backoffice, sales.deps, json);
  const sync = {
    db: deps.db,
    now,
    logger: deps.logger,
    authenticator: useCases.authenticator,
    lookupGuard: useCases.lookupGuard,
    hub: deps.nudgeHub ?? new NudgeHub(null),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  };
  syncRoutes(api, { ...sync, pushGroupSize: deps.syncPushGroupSize }, backoffice, json);
  app.use(API_PREFIX, api);
  apiDocsRoutes(app, API_PREFIX);
  adminAppRoutes(app, deps.adminDir);

  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
