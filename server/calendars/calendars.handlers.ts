import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import type { calendarRoutes } from './calendars.routes.js';

export function calendarHandlers({ engine }: AppDeps): RouteHandlers<typeof calendarRoutes> {
  return {
    async list() {
      return { status: 200, body: await engine.calendars.list() };
    },
    async get({ params }) {
      return { status: 200, body: await engine.calendars.get(params.id) };
    },
    async put({ params, body, user }) {
      const { reason, ...calendar } = body;
      return { status: 200, body: await engine.calendars.put(params.id, calendar, { by: user.id, ...(reason ? { reason } : {}) }) };
    },
    async versions({ params }) {
      return { status: 200, body: await engine.calendars.versions(params.id) };
    },
  };
}
