import { z } from 'zod';
import type { RouteSpec } from '../route.js';

export const healthRoutes = {
  health: {
    method: 'get',
    path: '/api/health',
    summary: 'Liveness: the server answers and its store responds and can keep changes; 503 says why not.',
    access: 'public',
    responses: [200, 503],
    responseBody: z.object({
      status: z.enum(['ok', 'unavailable']),
      store: z.string(),
      time: z.string(),
      /** Why the store cannot keep changes (disk full, file deleted, no primary), in words; only when unavailable. */
      reason: z.string().optional(),
      /** Whether applicants are told: `not configured` while no channel is (server/notifications); notices then wait. */
      notifications: z.enum(['delivering', 'not configured']).optional(),
    }),
  },
} as const satisfies Record<string, RouteSpec>;
