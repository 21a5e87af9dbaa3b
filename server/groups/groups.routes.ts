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
  members: {
    method: 'get',
    path: '/api/groups/:id/members',
    summary:
      "A group's members a supervisor may hand work to or mark absent: those of the agencies (or the centre) they oversee, " +
      'with whether they are active and absent today. Officials are named here only to their supervisors.',
    params: z.object({ id: z.string().regex(/^[A-Za-z0-9][\w.-]{0,63}$/, 'a group id') }),
    access: { roles: ['supervisor'] },
    responses: [200],
    responseBody: z.array(
      z.looseObject({ id: z.string(), name: z.string(), active: z.boolean(), absentToday: z.boolean() }).meta({ id: 'GroupMember' }),
    ),
  },
} as const satisfies Record<string, RouteSpec>;
