import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import type { trackRoutes } from './track.routes.js';

export function trackHandlers({ engine }: AppDeps): RouteHandlers<typeof trackRoutes> {
  return {
    async track({ params }) {
      // The engine's view names steps, never people (engine/reports/trackApplication.ts).
      const normalised = params.trackingNumber.replace(/[\s-]/g, '');
      const number = `${normalised.slice(0, 4)}-${normalised.slice(4, 8)}-${normalised.slice(8)}`;
      return { status: 200, body: await engine.track(number) };
    },
  };
}
