import { z } from 'zod';
import { STAT_DIMENSIONS } from '../../engine/index.js';
import type { RouteSpec } from '../route.js';
import { InstantInput } from '../schemas.js';
import { assignmentRoutes } from './assignment.routes.js';

export const SlaStatRowSchema = z
  .looseObject({
    key: z.string(),
    completed: z.number().int(),
    onTime: z.number().int(),
    late: z.number().int(),
    onTimeRate: z.number().nullable(),
    overdueOpen: z.number().int(),
    atRiskOpen: z.number().int(),
    applications: z.number().int(),
    ratings: z.number().int().describe("the applicants' hand-back ratings (1–5) counted in the row"),
    ratingAverage: z.number().nullable(),
    label: z.string().optional().describe("a readable name: the service's full name, the official's name"),
    labels: z.partialRecord(z.enum(['kk', 'ru', 'en']), z.string()).optional().describe('by=agency, centre: the label in other languages, when the directory gives them'),
    process: z.string().optional().describe('by=service: the process key of the service (its heatmap: GET /api/definitions/:key/heatmap)'),
  })
  .meta({ id: 'SlaStatRow' });

const Key = z.string().min(1).max(100);

/** Which applications the statistics count (engine StatFilter): started in the period, of the centre, agency, service, channel. */
export const StatFilterQuery = z.object({
  by: z.enum(STAT_DIMENSIONS),
  from: InstantInput.optional(),
  to: InstantInput.optional(),
  centre: Key.optional(),
  agency: Key.optional(),
  service: Key.optional(),
  channel: Key.optional(),
});

const FILTERS = 'Filters (all optional): applications started `from` (inclusive) `to` (exclusive), of a `centre`, `agency`, `service` (code), `channel`.';

export const statRoutes = {
  sla: {
    method: 'get',
    path: '/api/stats/sla',
    summary:
      'SLA compliance (on-time rate over completed and open work: an open task past its deadline is late now; overdue and at-risk open tasks, applications) ' +
      "and the applicants' ratings by agency, service, channel, centre or official. " +
      'Rows are limited to what the caller oversees; `by=official` names officials, so only those of agencies the caller oversees. ' +
      FILTERS,
    access: { roles: ['supervisor', 'auditor'] },
    query: StatFilterQuery,
    responses: [200],
    responseBody: z.array(SlaStatRowSchema),
  },
  report: {
    method: 'get',
    path: '/api/stats/sla/report',
    summary: 'The same rows as `GET /api/stats/sla` as a CSV file (text/csv), e.g. the per-centre report with `by=centre`. ' + FILTERS,
    access: { roles: ['supervisor', 'auditor'] },
    query: StatFilterQuery,
    responses: [200],
  },
  trend: {
    method: 'get',
    path: '/api/stats/sla/trend',
    summary:
      'Day by day over the last `days` days (Almaty): applications started, tasks completed, completed late, and turned overdue — ' +
      'for the agencies the caller oversees (all for the organisation-wide inspection).',
    access: { roles: ['supervisor', 'auditor'] },
    query: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
    responses: [200],
    responseBody: z.array(
      z.looseObject({ date: z.string(), started: z.number().int(), completed: z.number().int(), late: z.number().int(), turnedOverdue: z.number().int() }).meta({ id: 'TrendDay' }),
    ),
  },
  ...assignmentRoutes,
} as const satisfies Record<string, RouteSpec>;
