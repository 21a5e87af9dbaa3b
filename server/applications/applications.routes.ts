import { z } from 'zod';
import type { RouteSpec } from '../route.js';

export const CHANNELS = ['centre', 'agency', 'portal'] as const;

export const StartApplicationBody = z.strictObject({
  serviceCode: z.string().min(1).max(100),
  channel: z.enum(CHANNELS, { error: (issue) => `expected one of ${CHANNELS.join(', ')}, got ${JSON.stringify(issue.input) ?? 'nothing'}` }),
  applicant: z.record(z.string(), z.unknown()).optional(),
  /** Names (ids) of the documents handed in; they reach the process as the `documents` variable. */
  documents: z.array(z.string().min(1).max(500)).max(500).optional(),
  variables: z.record(z.string(), z.unknown()).optional(),
});

export type StartApplication = z.output<typeof StartApplicationBody>;

export const applicationRoutes = {
  start: {
    method: 'post',
    path: '/api/applications',
    summary: 'Start an application for a service on a channel: the latest definition carrying that service code.',
    // Clerks at a centre, officials at their agency's desk (alternative access); the portal is its own client, later.
    access: { roles: ['clerk', 'official'], scope: 'startChannel' },
    body: { kind: 'json', schema: StartApplicationBody },
    responses: [201],
  },
  get: {
    method: 'get',
    path: '/api/applications/:id',
    summary: 'One application: the instance view, its intake (who, when) and its tasks, redacted for the viewer.',
    access: { roles: ['clerk', 'official', 'supervisor', 'auditor'], scope: 'application' },
    response: 'application',
    params: z.object({ id: z.string().min(1).max(200) }),
    responses: [200],
  },
} as const satisfies Record<string, RouteSpec>;
