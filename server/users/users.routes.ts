import type { RouteSpec } from '../route.js';

export const userRoutes = {
  me: {
    method: 'get',
    path: '/api/users/me',
    summary: 'The logged-in user: roles, groups, agency or centre.',
    access: { roles: 'any' },
    responses: [200],
  },
} as const satisfies Record<string, RouteSpec>;
