import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { AppState } from './AppContext.js';
import type { Logger } from './logger.js';

/**
 * Gives each request an id (echoed as X-Request-Id) and logs one line when it ends: method,
 * path, status, duration, who. Never the query string or the body: both may carry personal data.
 */
export function requestLog(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    const started = performance.now();
    ctx.state.requestId = randomUUID();
    ctx.set('X-Request-Id', ctx.state.requestId);
    try {
      await next();
    } finally {
      logger.info('request', {
        requestId: ctx.state.requestId,
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        ms: Math.round(performance.now() - started),
        user: ctx.state.user?.id,
      });
    }
  };
}
