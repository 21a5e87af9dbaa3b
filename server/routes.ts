import Router from '@koa/router';
import { adminHandlers } from './admin/admin.handlers.js';
import { adminRoutes } from './admin/admin.routes.js';
import { auditHandlers } from './audit/audit.handlers.js';
import { auditRoutes } from './audit/audit.routes.js';
import { calendarHandlers } from './calendars/calendars.handlers.js';
import { calendarRoutes } from './calendars/calendars.routes.js';
import { groupHandlers } from './groups/groups.handlers.js';
import { groupRoutes } from './groups/groups.routes.js';
import { serviceHandlers } from './services/services.handlers.js';
import { serviceRoutes } from './services/services.routes.js';
import { routingHandlers } from './routing/routing.handlers.js';
import { routingRoutes } from './routing/routing.routes.js';
import { statHandlers } from './stats/stats.handlers.js';
import { statRoutes } from './stats/stats.routes.js';
import { trackHandlers } from './track/track.handlers.js';
import { trackRoutes } from './track/track.routes.js';
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
import { eventHandlers } from './live/events.handlers.js';
import { eventRoutes } from './live/events.routes.js';
import { openApiHandlers } from './openapi/openapi.handlers.js';
import { openApiRoutes } from './openapi/openapi.routes.js';
import { mount, type RouteSpec } from './route.js';
import { sessionHandlers } from './session/session.handlers.js';
import { sessionRoutes } from './session/session.routes.js';
import { taskHandlers } from './tasks/tasks.handlers.js';
import { taskRoutes } from './tasks/tasks.routes.js';
import { userHandlers } from './users/users.handlers.js';
import { userRoutes } from './users/users.routes.js';
import { instanceHandlers } from './instances/instances.handlers.js';
import { instanceRoutes } from './instances/instances.routes.js';
import { caseworkHandlers } from './applications/casework.handlers.js';
import { caseworkRoutes } from './applications/casework.routes.js';
import { messageHandlers } from './messages/messages.handlers.js';
import { messageRoutes } from './messages/messages.routes.js';
import { signalHandlers } from './signals/signals.handlers.js';
import { signalRoutes } from './signals/signals.routes.js';
import { casefileHandlers } from './casefile/casefile.handlers.js';
import { casefileRoutes } from './casefile/casefile.routes.js';
import { printHandlers } from './print/print.handlers.js';
import { printRoutes } from './print/print.routes.js';
import { notificationHandlers, notificationRoutes } from './notifications/index.js';

/** Every route the server has, by resource: what the authorization test walks through. */
export const ROUTES = {
  health: healthRoutes,
  session: sessionRoutes,
  users: userRoutes,
  definitions: definitionRoutes,
  applications: applicationRoutes,
  tasks: taskRoutes,
  absences: absenceRoutes,
  routing: routingRoutes,
  calendars: calendarRoutes,
  stats: statRoutes,
  audit: auditRoutes,
  track: trackRoutes,
  groups: groupRoutes,
  services: serviceRoutes,
  openapi: openApiRoutes,
  events: eventRoutes,
  instances: instanceRoutes,
  admin: adminRoutes,
  casework: caseworkRoutes,
  messages: messageRoutes,
  signals: signalRoutes,
  casefile: casefileRoutes,
  print: printRoutes,
  notifications: notificationRoutes,
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
  mount(router, ROUTES.routing, routingHandlers(deps), context);
  mount(router, ROUTES.calendars, calendarHandlers(deps), context);
  mount(router, ROUTES.stats, statHandlers(deps), context);
  mount(router, ROUTES.audit, auditHandlers(deps), context);
  mount(router, ROUTES.track, trackHandlers(deps), context);
  mount(router, ROUTES.groups, groupHandlers(deps), context);
  mount(router, ROUTES.services, serviceHandlers(deps), context);
  mount(router, ROUTES.events, eventHandlers(deps), context);
  mount(router, ROUTES.instances, instanceHandlers(deps), context);
  mount(router, ROUTES.admin, adminHandlers(deps), context);
  mount(router, ROUTES.casework, caseworkHandlers(deps), context);
  mount(router, ROUTES.messages, messageHandlers(deps), context);
  mount(router, ROUTES.signals, signalHandlers(deps), context);
  mount(router, ROUTES.casefile, casefileHandlers(deps), context);
  mount(router, ROUTES.print, printHandlers(deps), context);
  mount(router, ROUTES.notifications, notificationHandlers(deps), context);
  mount(router, ROUTES.openapi, openApiHandlers(deps, ROUTES), context);
  return router;
}
