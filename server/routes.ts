import Router from '@koa/router';
import type { AppDeps, AppState } from './AppContext.js';
import { applicationHandlers } from './applications/applications.handlers.js';
import { applicationRoutes } from './applications/applications.routes.js';
import { definitionHandlers } from './definitions/definitions.handlers.js';
import { definitionRoutes } from './definitions/definitions.routes.js';
import { healthHandlers } from './health/health.handlers.js';
import { healthRoutes } from './health/health.routes.js';
import { mount } from './route.js';
import { taskHandlers } from './tasks/tasks.handlers.js';
import { taskRoutes } from './tasks/tasks.routes.js';

/** Every resource's routes on one router: adding a resource is one line here. */
export function createRouter(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  mount(router, healthRoutes, healthHandlers(deps));
  mount(router, definitionRoutes, definitionHandlers(deps));
  mount(router, applicationRoutes, applicationHandlers(deps));
  mount(router, taskRoutes, taskHandlers(deps));
  return router;
}
