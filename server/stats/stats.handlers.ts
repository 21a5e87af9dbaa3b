import type { StatFilter } from '../../engine/index.js';
import type { AppDeps } from '../AppContext.js';
import { supervisionOf } from '../auth/supervision.js';
import { HttpProblem } from '../HttpProblem.js';
import type { RouteHandlers } from '../route.js';
import type { statRoutes } from './stats.routes.js';
import { assignmentHandlers } from './assignment.handlers.js';
import { statReportCsv } from './statReportCsv.js';
import { visibleStatRows } from './statRows.js';

export function statHandlers(deps: AppDeps): RouteHandlers<typeof statRoutes> {
  const { engine } = deps;
  return {
    ...assignmentHandlers(deps),
    async sla({ query: { by, ...filter }, user }) {
      return { status: 200, body: await visibleStatRows(engine, user, by, checkedFilter(filter)) };
    },
    async report({ query: { by, ...filter }, user }) {
      const csv = statReportCsv(await visibleStatRows(engine, user, by, checkedFilter(filter)));
      const headers = { 'content-disposition': `attachment; filename="sla-by-${by}.csv"` };
      return { status: 200, type: 'text/csv; charset=utf-8', headers, body: csv };
    },
    async trend({ query, user }) {
      const supervision = await supervisionOf(engine, user);
      return { status: 200, body: await engine.slaTrend(query.days, supervision.all ? undefined : supervision.agencies) };
    },
  };
}

/** The filter without its absent fields; a period that ends before it starts is a 400 on `to`. */
function checkedFilter(query: { from?: string | undefined; to?: string | undefined; centre?: string | undefined; agency?: string | undefined; service?: string | undefined; channel?: string | undefined }): StatFilter {
  if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) throw new HttpProblem(400, 'bad_request', 'query: the period ends before it starts', { field: 'to' });
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as StatFilter;
}
