import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import type { eventRoutes } from './events.routes.js';

export function eventHandlers({ live }: AppDeps): RouteHandlers<typeof eventRoutes> {
  return {
    async stream({ user, credentials }) {
      const stream = await live.open(user, credentials && { sessionId: credentials.sessionId, expiresAt: credentials.expiresAt });
      return {
        status: 200,
        type: 'text/event-stream; charset=utf-8',
        // No proxy buffering (nginx), so each event leaves at once.
        headers: { Connection: 'keep-alive', 'X-Accel-Buffering': 'no' },
        body: stream,
      };
    },
  };
}
