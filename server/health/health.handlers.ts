import { StoreUnavailableError } from '../../engine/index.js';
import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import type { healthRoutes } from './health.routes.js';

export function healthHandlers({ engine, logger, storeKind, notifications }: AppDeps): RouteHandlers<typeof healthRoutes> {
  return {
    async health() {
      const time = new Date().toISOString();
      const store = storeKind ?? 'unknown';
      const unavailable = (reason: string, retryAfterSeconds?: number) => ({
        status: 503,
        body: { status: 'unavailable' as const, store, time, reason },
        ...(retryAfterSeconds === undefined ? {} : { headers: { 'Retry-After': String(retryAfterSeconds) } }),
      });
      try {
        // A store that still answers reads may have lost its file or its disk: ask it first.
        const health = await engine.storeHealth();
        if (!health.ok) {
          logger.error('health check: store cannot keep changes', { error: health.problem });
          return unavailable(health.problem.reason, health.problem.retryAfterSeconds);
        }
        // Then the smallest indexed inbox read: a real round trip to the store.
        await engine.tasks({ limit: 1 });
        const notifying = notifications?.email || notifications?.sms ? 'delivering' : 'not configured';
        return { status: 200, body: { status: 'ok', store, time, notifications: notifying } };
      } catch (error) {
        logger.error('health check: store did not answer', { error });
        if (error instanceof StoreUnavailableError) return unavailable(error.reason, error.retryAfterSeconds);
        return unavailable('the store did not answer');
      }
    },
  };
}
