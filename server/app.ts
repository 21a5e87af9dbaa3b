import type { NotificationChannels } from './notifications/startNotifications.js';
import Koa from 'koa';
import type { Engine } from '../engine/index.js';
import { accountsOf } from './accounts/Accounts.js';
import { LoginThrottle } from './accounts/LoginThrottle.js';
import type { AppState, AuthSettings, StoreKind } from './AppContext.js';
import type { AuditAnchor } from './audit/auditAnchor.js';
import { authentication } from './auth/authentication.js';
import { errorMiddleware, unmatchedRoute } from './errors.js';
import { LiveUpdates } from './live/LiveUpdates.js';
import { jsonLogger, type Logger } from './logger.js';
import { Metrics } from './metrics/Metrics.js';
import { metricsEndpoint } from './metrics/metricsEndpoint.js';
import { requestLog } from './requestLog.js';
import { createRouter } from './routes.js';
import { securityHeaders } from './securityHeaders.js';
import { designerAssets } from './designerAssets.js';
import { fileURLToPath } from 'node:url';
import type { ServiceStandard } from '../processes/standard.js';

export interface AppOptions {
  readonly engine: Engine;
  readonly logger?: Logger;
  readonly storeKind?: StoreKind;
  /** Cookie and session settings; by default `auto` Secure, 12-hour sessions, a fresh throttle. */
  readonly auth?: Partial<AuthSettings>;
  /**
   * Reverse proxies in front of the server: the client address is the X-Forwarded-For entry
   * that many hops from the right (what the first proxy appended); 0 ignores X-Forwarded-*.
   */
  readonly proxyHops?: number;
  /** The old form: `true` means one proxy (`proxyHops: 1`). */
  readonly proxy?: boolean;
  /** Event streams; startServer passes its own so shutdown can end them first. */
  readonly live?: LiveUpdates;
  readonly metrics?: Metrics;
  /** GET /metrics from anywhere with this bearer token; without it, loopback only. */
  readonly metricsToken?: string;
  /** The built web app to serve at `/` (designer/dist by default; nothing when absent). */
  readonly assetsDir?: string;
  /** The catalogue's service standards, served by GET /api/services. */
  readonly services?: readonly ServiceStandard[];
  /** The audit chain's key and checkpoint file (startServer resolves them). */
  readonly auditAnchor?: AuditAnchor;
  /** Which channels tell applicants (startServer starts them). */
  readonly notifications?: NotificationChannels;
}

const DEFAULT_ASSETS = fileURLToPath(new URL('../designer/dist', import.meta.url));

/**
 * Builds the Koa app on an engine. No module-level state: two apps on two engines never meet.
 *
 * Middleware order, outermost first, and why:
 *  1. securityHeaders  - on every response, errors included
 *  2. requestLog       - request id and one log line, whatever happened inside
 *  3. errorMiddleware  - the one place errors become `{ error: { code, message } }`
 *  3b. /metrics        - before authentication: a scraper's METRICS_TOKEN is not a session token
 *  3c. web app assets  - the built designer at /, public (its login page is part of it)
 *  4. authentication   - who is acting (session cookie or bearer token; CSRF on cookie sessions);
 *                        a bad bearer token is 401, formatted by 3
 *  5. unmatchedRoute   - 404/405 for what no route answered, in the same error format
 *  6. routes           - each: role check (401/403), then its body parsed (so strangers' bodies
 *                        are never read; 413 over the limit), validated, scope-checked,
 *                        answered by a thin handler, redacted for the viewer (route.ts#mount)
 */
export function createApp(options: AppOptions): Koa<AppState> {
  const logger = options.logger ?? jsonLogger();
  const auth: AuthSettings = {
    cookieSecure: options.auth?.cookieSecure ?? 'auto',
    sessionTtlMs: options.auth?.sessionTtlMs ?? 12 * 3_600_000,
    throttle: options.auth?.throttle ?? new LoginThrottle(() => Date.now()),
  };
  const live = options.live ?? new LiveUpdates(options.engine);
  const metrics = options.metrics ?? new Metrics(options.engine);
  const deps = { engine: options.engine, accounts: accountsOf(options.engine), logger, auth, live, ...(options.storeKind ? { storeKind: options.storeKind } : {}), ...(options.services ? { services: options.services } : {}), ...(options.auditAnchor ? { auditAnchor: options.auditAnchor } : {}), ...(options.notifications ? { notifications: options.notifications } : {}) };
  const router = createRouter(deps);
  const app = new Koa<AppState>();
  // Koa's own error printer would write stacks to stderr; errorMiddleware logs instead.
  app.silent = true;
  const proxyHops = options.proxyHops ?? (options.proxy ? 1 : 0);
  app.proxy = proxyHops > 0;
  // Koa keeps the rightmost maxIpsCount entries and takes the first of those: the address
  // proxyHops from the right. The leftmost entry is whatever the client wrote (issue 9, item 17).
  app.maxIpsCount = proxyHops;
  app.use(securityHeaders());
  app.use(requestLog(logger));
  app.use(errorMiddleware(logger));
  app.use(metricsEndpoint(metrics, options.metricsToken));
  app.use(designerAssets(options.assetsDir ?? DEFAULT_ASSETS));
  app.use(authentication(deps.accounts));
  app.use(unmatchedRoute());
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
