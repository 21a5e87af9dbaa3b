import { z } from 'zod';
import type { RouteSpec } from '../route.js';
import { UserSchema } from '../schemas.js';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1024),
});

export const sessionRoutes = {
  login: {
    method: 'post',
    path: '/api/session',
    summary:
      'Log in: 200 `{ token, user, csrfToken, expiresAt }`, the HttpOnly session cookie and the CSRF cookie. 401 for a wrong name or password; 429 with Retry-After after repeated failures.',
    access: 'public',
    body: { kind: 'json', schema: LoginBody },
    responses: [200],
    responseBody: z.object({ token: z.string(), csrfToken: z.string(), expiresAt: z.string(), user: UserSchema }),
  },
  current: {
    method: 'get',
    path: '/api/session',
    summary: 'The logged-in user and when the session expires.',
    access: { roles: 'any' },
    responses: [200],
    responseBody: z.object({ user: UserSchema, via: z.enum(['cookie', 'bearer']), expiresAt: z.string() }),
  },
  logout: {
    method: 'delete',
    path: '/api/session',
    summary: 'Log out: the session (cookie or bearer token) stops working; 204.',
    access: { roles: 'any' },
    responses: [204],
  },
} as const satisfies Record<string, RouteSpec>;
