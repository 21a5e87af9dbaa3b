import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import type { healthRoutes } from './health.routes.js';

export function healthHandlers({ engine, logger, storeKind }: AppDeps): RouteHandlers<typeof healthRoutes> {
  return {
    async health() {
      const time = new Date().toISOString();
      const store = storeKind ?? 'unknown';
      try {
        // The engine has no ping; the smallest indexed inbox read is a real round trip to the store.
        await engine.tasks({ limit: 1 });
        return { status: 200, body: { status: 'ok', store, time } };
      } catch (error) {
        logger.error('health check: store did not answer', { error });
        return { status: 503, body: { status: 'unavailable', store, time } };
      }
    },
  };
}
