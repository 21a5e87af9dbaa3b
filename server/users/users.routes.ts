import { z } from 'zod';
import { USER_LANGUAGES } from '../../engine/index.js';
import type { RouteSpec } from '../route.js';
import { UserSchema } from '../schemas.js';

export const LanguageBody = z.strictObject({
  language: z.enum(USER_LANGUAGES, { error: (issue) => `language: expected one of ${USER_LANGUAGES.join(', ')}, got ${JSON.stringify(issue.input)}` }),
});

export const userRoutes = {
  me: {
    method: 'get',
    path: '/api/users/me',
    summary: 'The logged-in user: roles, groups, agency or centre, and the UI language they chose.',
    access: { roles: 'any' },
    responses: [200],
    responseBody: UserSchema,
  },
  setLanguage: {
    method: 'put',
    path: '/api/users/me/language',
    summary:
      "Choose one's own UI language (`kk`, `ru` or `en`): kept on the user record, so the next login on any computer opens in it; " +
      'the server\'s error messages follow it too. Audited as `user.language`; 200 with the user.',
    access: { roles: 'any' },
    body: { kind: 'json', schema: LanguageBody },
    responses: [200],
    responseBody: UserSchema,
  },
} as const satisfies Record<string, RouteSpec>;
