import { recordAbsence, redrawAbsentTasks } from '../../engine/index.js';
import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import type { absenceRoutes } from './absences.routes.js';

export function absenceHandlers({ engine }: AppDeps): RouteHandlers<typeof absenceRoutes> {
  return {
    async list({ params }) {
      return { status: 200, body: await engine.directory.absences(params.userId) };
    },
    async add({ params, body, user }) {
      return { status: 200, body: await recordAbsence(engine, params.userId, { from: body.from, to: body.to, ...(body.reason ? { reason: body.reason } : {}) }, { by: user.id }) };
    },
    async redraw({ params, body, user }) {
      return { status: 200, body: await redrawAbsentTasks(engine, params.userId, { by: user.id, ...(body.reason ? { reason: body.reason } : {}) }) };
    },
    async end({ params, query, user }) {
      return { status: 200, body: await engine.directory.clearAbsence(params.userId, query.date ?? (await engine.today()), { by: user.id }) };
    },
  };
}
