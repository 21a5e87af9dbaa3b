import { z } from 'zod';
import type { RouteSpec } from '../route.js';

export const GroupSchema = z
  .looseObject({ id: z.string(), members: z.number().int(), agencies: z.array(z.string()), centres: z.array(z.string()) })
  .meta({ id: 'Group' });

export const groupRoutes = {
  list: {
    method: 'get',
    path: '/api/groups',
    summary: "The groups a model's ps:candidateGroup can name, from the directory's active users: member counts, agencies and centres, never members' names.",
    access: { roles: ['designer', 'supervisor', 'coordinator'] },
    responses: [200],
    responseBody: z.array(GroupSchema),
  },
} as const satisfies Record<string, RouteSpec>;
