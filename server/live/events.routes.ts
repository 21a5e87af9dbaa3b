import type { RouteSpec } from '../route.js';

export const eventRoutes = {
  stream: {
    method: 'get',
    path: '/api/events',
    summary:
      'Server-sent events (text/event-stream): `event: task` with `{ change: created|changed, task }` for inbox changes in your scope ' +
      "(your tasks, your groups' unassigned queues; a supervisor's processes), redacted as the task routes are; a heartbeat comment every 15 s. " +
      'Ends with `event: end` `{ reason }` at logout, when the session expires or is revoked, or the user is deactivated (checked every 10 s). ' +
      'At most 5 streams per user: 429 `too_many_streams` with Retry-After beyond.',
    access: { roles: 'any' },
    responses: [200],
  },
} as const satisfies Record<string, RouteSpec>;
