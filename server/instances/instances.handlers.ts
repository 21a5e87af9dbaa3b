import { HttpProblem } from '../HttpProblem.js';
import type { AppDeps } from '../AppContext.js';
import type { ActingUser } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import { loadApplication } from '../applications/loadApplication.js';
import { supervisionOf } from '../auth/supervision.js';
import type { Engine } from '../../engine/index.js';
import type { instanceRoutes } from './instances.routes.js';
import { summarise } from './summarise.js';
import { calledInstances } from './calledInstances.js';

export function instanceHandlers({ engine }: AppDeps): RouteHandlers<typeof instanceRoutes> {
  return {
    async list({ query, user }) {
      const visible = await visibility(engine, user);
      const page = await engine.listInstances({
        ...(query.key ? { key: query.key } : {}),
        ...(query.version ? { version: query.version } : {}),
        ...(query.state ? { state: query.state } : {}),
        ...(query.incident === undefined ? {} : { hasIncident: query.incident }),
        ...(query.element ? { elementId: query.element } : {}),
        ...(query.serviceCode ? { serviceCode: query.serviceCode } : {}),
        ...(query.centre ? { centre: query.centre } : {}),
        ...(query.agency ? { agency: query.agency } : {}),
        ...(query.startedFrom ? { startedFrom: new Date(query.startedFrom).toISOString() } : {}),
        ...(query.startedTo ? { startedTo: new Date(query.startedTo).toISOString() } : {}),
        ...(visible ? { visible } : {}),
        offset: query.offset,
        limit: query.limit,
      });
      return { status: 200, body: { total: page.total, counts: page.counts, offset: query.offset, limit: query.limit, items: page.items.map(summarise) } };
    },

    async get({ params }) {
      const application = await loadApplication(engine, params.id);
      const [key, version] = [application.key, Number(application.definitionId.slice(application.key.length + 1))];
      const [history, audit, definition] = await Promise.all([engine.history(params.id), engine.audit({ subject: params.id, limit: 500 }), engine.definition(key, version)]);
      // The drill-down: the processes its call activities started, and (in `parent`) the one that called it.
      const calls = await calledInstances(engine, application, history);
      return { status: 200, body: { ...application, history, audit, xml: definition.xml, calls } };
    },

    async retry({ params, body, user }) {
      const view = await engine.retryIncidents(params.id, { by: user.id, reason: body.reason, ...(body.variables ? { variables: body.variables } : {}), ...(body.tokenId ? { tokenId: body.tokenId } : {}) });
      return { status: 200, body: summarise(view) };
    },

    async cancel({ params, body, user }) {
      return { status: 200, body: summarise(await engine.cancelInstance(params.id, { by: user.id, reason: body.reason })) };
    },

    async modify({ params, body, user }) {
      const view = await engine.modifyInstance(params.id, {
        by: user.id,
        reason: body.reason,
        to: body.to,
        ...(body.moveFrom ? { moveFrom: body.moveFrom } : {}),
        ...(body.variables ? { variables: body.variables } : {}),
      });
      return { status: 200, body: summarise(view) };
    },

    async migrate({ params, body, user }) {
      const report = await engine.migrateInstances(params.key, {
        fromVersion: body.fromVersion,
        toVersion: body.toVersion,
        ...(body.mapping ? { mapping: body.mapping } : {}),
        by: user.id,
        reason: body.reason,
        ...(body.dryRun ? { dryRun: true } : {}),
      });
      if (report.problems.length && !report.dryRun) {
        const first = report.problems[0]!;
        const more = report.problems.length > 1 ? ` (and ${report.problems.length - 1} more)` : '';
        throw new HttpProblem(409, 'migration_refused', `nothing migrated: instance ${first.instanceId} at ${first.elementId}: ${first.problem}${more}`, { report });
      }
      return { status: 200, body: report };
    },
  };
}

/** Undefined for an operator (every instance); else what the supervisor oversees (scopes.ts's rule). */
async function visibility(engine: Engine, user: ActingUser) {
  if (user.roles.includes('operator')) return undefined;
  const supervision = await supervisionOf(engine, user);
  if (supervision.all) return undefined;
  return (instance: { key: string; agency?: string; centre?: string }) =>
    supervision.keys.has(instance.key) || (instance.agency !== undefined && supervision.agencies.has(instance.agency)) || (user.centre !== undefined && user.centre === instance.centre);
}
