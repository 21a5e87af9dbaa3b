import { z } from 'zod';
import type { RouteSpec } from '../route.js';
import { UserSchema } from '../schemas.js';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1024),
});

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
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
    responseBody: z.object({ token: z.string(), csrfToken: z.string(), expiresAt: z.string(), mustChangePassword: z.boolean(), user: UserSchema }),
  },
  current: {
    method: 'get',
    path: '/api/session',
    summary: 'The logged-in user and when the session expires.',
    access: { roles: 'any' },
    duringPasswordChange: true,
    responses: [200],
    responseBody: z.object({ user: UserSchema, via: z.enum(['cookie', 'bearer']), expiresAt: z.string(), mustChangePassword: z.boolean() }),
  },
  changePassword: {
    method: 'post',
    path: '/api/session/password',
    summary:
      "Change one's own password: the current one, then a new one that keeps the password policy (at least 12 characters, not the user name, " +
      'not a common password; 400 `weak_password` naming the rule). Ends a forced change after an administrator reset; 204.',
    access: { roles: 'any' },
    duringPasswordChange: true,
    body: { kind: 'json', schema: ChangePasswordBody },
    responses: [204],
  },
  logout: {
    method: 'delete',
    path: '/api/session',
    summary: 'Log out: the session (cookie or bearer token) stops working; 204.',
    access: { roles: 'any' },
    duringPasswordChange: true,
    responses: [204],
  },
} as const satisfies Record<string, RouteSpec>;
