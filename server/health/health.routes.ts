import { z } from 'zod';
import type { RouteSpec } from '../route.js';

export const healthRoutes = {
  health: {
    method: 'get',
    path: '/api/health',
    summary: 'Liveness: the server answers and its store responds.',
    access: 'public',
    responses: [200, 503],
    responseBody: z.object({ status: z.enum(['ok', 'unavailable']), store: z.string(), time: z.string() }),
  },
} as const satisfies Record<string, RouteSpec>;
