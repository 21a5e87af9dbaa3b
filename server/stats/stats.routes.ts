import { z } from 'zod';
import { STAT_DIMENSIONS } from '../../engine/index.js';
import type { RouteSpec } from '../route.js';
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
  })
  .meta({ id: 'SlaStatRow' });

export const statRoutes = {
  sla: {
    method: 'get',
    path: '/api/stats/sla',
    summary:
      'SLA compliance (on-time rate, overdue and at-risk open tasks, applications) by agency, service, channel or official. ' +
      'Rows are limited to what the caller oversees; `by=official` names officials, so only those of agencies the caller oversees.',
    access: { roles: ['supervisor', 'auditor'] },
    query: z.object({ by: z.enum(STAT_DIMENSIONS) }),
    responses: [200],
    responseBody: z.array(SlaStatRowSchema),
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
