import type { Engine, SlaStatRow, StatDimension } from '../../engine/index.js';
import type { ActingUser, AppDeps } from '../AppContext.js';
import { supervisionOf } from '../auth/supervision.js';
import type { RouteHandlers } from '../route.js';
import type { statRoutes } from './stats.routes.js';
import { assignmentHandlers } from './assignment.handlers.js';

export function statHandlers(deps: AppDeps): RouteHandlers<typeof statRoutes> {
  const { engine } = deps;
  return {
    ...assignmentHandlers(deps),
    async sla({ query, user }) {
      const rows = await engine.slaStats(query.by);
      return { status: 200, body: await visibleRows(engine, user, query.by, rows) };
    },
    async trend({ query, user }) {
      const supervision = await supervisionOf(engine, user);
      return { status: 200, body: await engine.slaTrend(query.days, supervision.all ? undefined : supervision.agencies) };
    },
  };
}

/**
 * What a supervisor or auditor may see of the statistics (the inspection, with neither agency,
 * centre nor groups, sees every row):
 * - `agency`: their agencies' rows; `service`: the services of the processes they oversee;
 * - `official`: officials' names are personal data tied to performance, so only the officials
 *   of agencies they oversee (an official's agency in the directory);
 * - `channel`: organisation-wide counts that name no one, for everyone allowed here.
 */
async function visibleRows(engine: Engine, user: ActingUser, by: StatDimension, rows: SlaStatRow[]): Promise<SlaStatRow[]> {
  if (by === 'channel') return rows;
  const supervision = await supervisionOf(engine, user);
  if (supervision.all) return rows;
  if (by === 'agency') return rows.filter((r) => supervision.agencies.has(r.key));
  if (by === 'service') {
    const services = new Set<string>();
    for (const d of await engine.definitions()) {
      if (d.serviceCode && (supervision.keys.has(d.key) || (d.graph.agency !== undefined && supervision.agencies.has(d.graph.agency)))) services.add(d.serviceCode);
    }
    return rows.filter((r) => services.has(r.key));
  }
  const users = new Map((await engine.directory.listUsers()).map((u) => [u.id, u]));
  return rows.filter((r) => {
    const agency = users.get(r.key)?.agency;
    return agency !== undefined && supervision.agencies.has(agency);
  });
}
