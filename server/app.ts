import Koa from 'koa';
import type { Engine } from '../engine/index.js';
import { actingUser } from './actingUser.js';
import type { AppState, StoreKind } from './AppContext.js';
import { bodyParsing } from './bodyParsing.js';
import { errorMiddleware, unmatchedRoute } from './errors.js';
import { jsonLogger, type Logger } from './logger.js';
import { requestLog } from './requestLog.js';
import { createRouter } from './routes.js';
import { securityHeaders } from './securityHeaders.js';

export interface AppOptions {
  readonly engine: Engine;
  readonly logger?: Logger;
  readonly storeKind?: StoreKind;
}

/**
 * Builds the Koa app on an engine. No module-level state: two apps on two engines never meet.
 *
 * Middleware order, outermost first, and why:
 *  1. securityHeaders  - on every response, errors included
 *  2. requestLog       - request id and one log line, whatever happened inside
 *  3. errorMiddleware  - the one place errors become `{ error: { code, message } }`
 *  4. actingUser       - who is acting; the auth issue replaces it (and adds 401s, formatted by 3)
 *                        ahead of the body parser, so strangers' bodies are never read
 *  5. bodyParsing      - JSON and XML bodies, each under its size limit (413)
 *  6. unmatchedRoute   - 404/405 for what no route answered, in the same error format
 *  7. routes           - validated by their zod schemas, answered by thin handlers
 */
export function createApp(options: AppOptions): Koa<AppState> {
  const logger = options.logger ?? jsonLogger();
  const deps = { engine: options.engine, logger, ...(options.storeKind ? { storeKind: options.storeKind } : {}) };
  const router = createRouter(deps);
  const app = new Koa<AppState>();
  // Koa's own error printer would write stacks to stderr; errorMiddleware logs instead.
  app.silent = true;
  app.use(securityHeaders());
  app.use(requestLog(logger));
  app.use(errorMiddleware(logger));
  app.use(actingUser());
  app.use(bodyParsing());
  app.use(unmatchedRoute());
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
