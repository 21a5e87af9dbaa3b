import type { Role } from '../../engine/index.js';
import type { ActingUser } from '../AppContext.js';
import { HttpProblem } from '../HttpProblem.js';

/**
 * Who may call a route, declared beside its schemas in `*.routes.ts` and enforced by
 * `route.ts#mount` for every route alike:
 * - `public`: anyone, logged in or not;
 * - `roles`: a logged-in user with one of these roles (`any`: any logged-in user), else 401 / 403;
 * - `scope`: then a check on the resource itself (this task, this application), run after the
 *   input is validated: 403 when the user's centre, agency or groups do not reach it.
 */
export type Access = 'public' | { readonly roles: readonly Role[] | 'any'; readonly scope?: ScopeName };

/** The scope checks routes can name (implemented in scopes.ts, against the engine). */
export const SCOPES = ['application', 'startChannel', 'taskWork', 'taskReassign', 'absence', 'definition', 'operations', 'counter', 'deadline', 'agencySystem'] as const;
export type ScopeName = (typeof SCOPES)[number];

/** What a route answers with, so the redaction layer can shape it for the viewer. */
export type ResponseKind = 'task' | 'tasks' | 'application' | 'applications';

export interface ScopeInput {
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
}

export type ScopeCheck = (user: ActingUser, input: ScopeInput) => Promise<void>;
export type ScopeChecks = { readonly [K in ScopeName]: ScopeCheck };

/** 401 without a user, 403 without one of the roles. */
export function checkRoles(access: Access, user: ActingUser): void {
  if (access === 'public') return;
  if (!user.authenticated) throw new HttpProblem(401, 'unauthenticated', 'log in first (POST /api/session), or send a bearer token');
  if (access.roles === 'any') return;
  if (!access.roles.some((role) => user.roles.includes(role))) {
    throw new HttpProblem(403, 'forbidden', `this needs the role ${access.roles.join(' or ')}`, { roles: [...access.roles] });
  }
}

/**
 * A user whose password an administrator gave (`mustChangePassword`) may only call the routes
 * that say so (`duringPasswordChange`: change the password, read or end the session): 403
 * `password_change_required` elsewhere, so a temporary password opens nothing else.
 */
export function checkPasswordChange(allowed: boolean | undefined, user: ActingUser): void {
  if (!user.mustChangePassword || allowed) return;
  throw new HttpProblem(403, 'password_change_required', 'change the temporary password first (POST /api/session/password)');
}

export function forbidden(message: string): HttpProblem {
  return new HttpProblem(403, 'forbidden', message);
}
