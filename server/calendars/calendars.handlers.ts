import { calendarMonth, sampleDeadline } from './calendarMonth.js';
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
    async month({ params, query }) {
      const calendar = await engine.calendars.get(params.id);
      const days = calendarMonth(calendar, query.month);
      const { receivedAt, duration, unit } = query;
      const sample = receivedAt && duration && unit ? sampleDeadline(calendar, await engine.calendars.get('centre'), { receivedAt: new Date(receivedAt), duration, unit }) : undefined;
      return { status: 200, body: { id: params.id, month: query.month, days, ...(sample ? { sample } : {}) } };
    },
    async versions({ params }) {
      return { status: 200, body: await engine.calendars.versions(params.id) };
    },
  };
}
