import type { RouteSpec } from '../route.js';
import { UserSchema } from '../schemas.js';

export const userRoutes = {
  me: {
    method: 'get',
    path: '/api/users/me',
    summary: 'The logged-in user: roles, groups, agency or centre.',
    access: { roles: 'any' },
    responses: [200],
    responseBody: UserSchema,
  },
} as const satisfies Record<string, RouteSpec>;
