import Router from '@koa/router';
import { absenceHandlers } from './absences/absences.handlers.js';
import { absenceRoutes } from './absences/absences.routes.js';
import type { AppDeps, AppState } from './AppContext.js';
import { applicationHandlers } from './applications/applications.handlers.js';
import { applicationRoutes } from './applications/applications.routes.js';
import { scopeChecks } from './auth/scopes.js';
import { definitionHandlers } from './definitions/definitions.handlers.js';
import { definitionRoutes } from './definitions/definitions.routes.js';
import { healthHandlers } from './health/health.handlers.js';
import { healthRoutes } from './health/health.routes.js';
import { mount, type RouteSpec } from './route.js';
import { sessionHandlers } from './session/session.handlers.js';
import { sessionRoutes } from './session/session.routes.js';
import { taskHandlers } from './tasks/tasks.handlers.js';
import { taskRoutes } from './tasks/tasks.routes.js';
import { userHandlers } from './users/users.handlers.js';
import { userRoutes } from './users/users.routes.js';

/** Every route the server has, by resource: what the authorization test walks through. */
export const ROUTES = {
  health: healthRoutes,
  session: sessionRoutes,
  users: userRoutes,
  definitions: definitionRoutes,
  applications: applicationRoutes,
  tasks: taskRoutes,
  absences: absenceRoutes,
} as const satisfies Record<string, Record<string, RouteSpec>>;

/** Every resource's routes on one router: adding a resource is a line in ROUTES and one here. */
export function createRouter(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const context = { scopes: scopeChecks(deps.engine), auth: deps.auth };
  mount(router, ROUTES.health, healthHandlers(deps), context);
  mount(router, ROUTES.session, sessionHandlers(deps), context);
  mount(router, ROUTES.users, userHandlers(deps), context);
  mount(router, ROUTES.definitions, definitionHandlers(deps), context);
  mount(router, ROUTES.applications, applicationHandlers(deps), context);
  mount(router, ROUTES.tasks, taskHandlers(deps), context);
  mount(router, ROUTES.absences, absenceHandlers(deps), context);
  return router;
}
