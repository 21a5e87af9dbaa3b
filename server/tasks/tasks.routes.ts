import { z } from 'zod';
import type { RouteSpec } from '../route.js';

const Text = z.string().min(1).max(200);

export const TaskQuery = z.object({
  instanceId: Text.optional(),
  assignee: Text.optional(),
  group: Text.optional(),
  state: z.enum(['open', 'completed', 'cancelled', 'any']).default('open'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const CompleteTaskBody = z.strictObject({
  outcome: z.string().min(1).max(200).optional(),
  variables: z.record(z.string(), z.unknown()).optional(),
});

export const taskRoutes = {
  list: {
    method: 'get',
    path: '/api/tasks',
    summary: 'Tasks (open by default), ordered by deadline, then by creation.',
    query: TaskQuery,
    responses: [200],
  },
  complete: {
    method: 'post',
    path: '/api/tasks/:id/complete',
    summary: 'Complete a task: 200 with the instance view; 409 when it was completed first by someone else.',
    params: z.object({ id: Text }),
    body: { kind: 'json', schema: CompleteTaskBody },
    responses: [200],
  },
} as const satisfies Record<string, RouteSpec>;
