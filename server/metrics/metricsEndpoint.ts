import { timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';
import type { AppState } from '../AppContext.js';
import { HttpProblem } from '../HttpProblem.js';
import type { Metrics } from './Metrics.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * GET /metrics, ahead of authentication (a scraper's METRICS_TOKEN is not a session token).
 * Agency workloads are not for the world: without METRICS_TOKEN only a scraper on this host
 * (loopback) is answered; with it, anyone sending `Authorization: Bearer <METRICS_TOKEN>`.
 * Described by hand in /api/openapi.json (openapi.handlers.ts), as it is not a ROUTES entry.
 */
export function metricsEndpoint(metrics: Metrics, token: string | undefined): Middleware<AppState> {
  return async (ctx, next) => {
    if (ctx.path !== '/metrics') return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') throw new HttpProblem(405, 'method_not_allowed', `${ctx.method} is not allowed on /metrics`, { allow: 'GET, HEAD' });
    // The socket's own address, not X-Forwarded-For; and a request a proxy forwarded is not local, whatever the socket says.
    const local = LOOPBACK.has(ctx.socket.remoteAddress ?? '') && !ctx.get('X-Forwarded-For');
    const allowed = token ? sameSecret(ctx.get('Authorization'), `Bearer ${token}`) : local;
    if (!allowed) {
      throw token
        ? new HttpProblem(401, 'unauthenticated', 'send Authorization: Bearer <METRICS_TOKEN>')
        : new HttpProblem(403, 'forbidden', '/metrics answers on loopback only (set METRICS_TOKEN to scrape from elsewhere)');
    }
    ctx.type = metrics.contentType;
    ctx.body = await metrics.text();
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
