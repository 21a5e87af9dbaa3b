import type { Middleware } from 'koa';
import type { DirectoryUser } from '../../engine/index.js';
import type { Accounts, Session } from '../accounts/Accounts.js';
import { ANONYMOUS, type ActingUser, type AppState } from '../AppContext.js';
import { HttpProblem } from '../HttpProblem.js';
import { CSRF_HEADER, SESSION_COOKIE, csrfMatches } from './cookies.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Sets `ctx.state.user`: the only place that decides who is acting. A bearer token
 * (`Authorization: Bearer …`, for API clients) or the session cookie (for the designer) names
 * a session; without either the caller is anonymous, and routes that need a user answer 401.
 *
 * - A bearer token that opens no live session is 401 at once: the client meant to log in.
 * - A stale cookie is treated as no cookie (the browser keeps it after expiry).
 * - A cookie session must echo its CSRF token in the X-CSRF-Token header on unsafe methods
 *   (403 `csrf` otherwise); a bearer token needs none, as no browser adds it by itself.
 *
 * Runs ahead of the body parser (which each route runs after its role check), so strangers'
 * bodies are never read.
 */
export function authentication(accounts: Accounts): Middleware<AppState> {
  return async (ctx, next) => {
    ctx.state.user = ANONYMOUS;
    const header = ctx.get('Authorization');
    if (header) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const found = match ? await accounts.session(match[1]!) : undefined;
      if (!found) {
        ctx.set('WWW-Authenticate', 'Bearer error="invalid_token"');
        throw new HttpProblem(401, 'unauthenticated', 'the bearer token is not valid (unknown, expired or logged out): log in again');
      }
      ctx.state.user = actingUser(found.user, found.session);
      ctx.state.credentials = { via: 'bearer', sessionId: found.session.id, expiresAt: found.session.expiresAt };
      return next();
    }
    const token = ctx.cookies.get(SESSION_COOKIE);
    const found = token ? await accounts.session(token) : undefined;
    if (token && found) {
      if (!SAFE_METHODS.has(ctx.method) && !csrfMatches(token, ctx.get(CSRF_HEADER))) {
        throw new HttpProblem(403, 'csrf', `a session cookie needs the ${CSRF_HEADER} header (the tereze_csrf cookie's value) on ${ctx.method}`);
      }
      ctx.state.user = actingUser(found.user, found.session);
      ctx.state.credentials = { via: 'cookie', sessionId: found.session.id, expiresAt: found.session.expiresAt };
    }
    return next();
  };
}

export function actingUser(user: DirectoryUser, session?: Pick<Session, 'mustChangePassword'>): ActingUser {
  return {
    id: user.id,
    name: user.name,
    roles: user.roles,
    groups: user.groups,
    ...(user.agency ? { agency: user.agency } : {}),
    ...(user.centre ? { centre: user.centre } : {}),
    ...(user.language ? { language: user.language } : {}),
    authenticated: true,
    ...(session?.mustChangePassword ? { mustChangePassword: true } : {}),
  };
}
