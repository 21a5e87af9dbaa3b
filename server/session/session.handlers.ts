import type { AppDeps } from '../AppContext.js';
import { actingUser } from '../auth/authentication.js';
import { CSRF_COOKIE, SESSION_COOKIE, csrfTokenFor } from '../auth/cookies.js';
import { passwordProblem } from '../accounts/passwordPolicy.js';
import { HttpProblem } from '../HttpProblem.js';
import type { RouteHandlers } from '../route.js';
import { userView } from '../users/userView.js';
import type { sessionRoutes } from './session.routes.js';

export function sessionHandlers({ accounts, logger, auth, live }: AppDeps): RouteHandlers<typeof sessionRoutes> {
  return {
    async login({ body, address }) {
      const { username, password } = body;
      // Reserved before the password is checked, so parallel guesses cannot all pass one check.
      const verdict = auth.throttle.reserve(username, address);
      if (!verdict.allowed) {
        const seconds = Math.ceil(verdict.retryAfterMs / 1000);
        logger.warn('login throttled', { username, address, by: verdict.by });
        throw new HttpProblem(
          429,
          'too_many_attempts',
          `too many failed logins ${verdict.by === 'user' ? 'for this user name' : 'from this address'}: try again in ${minutes(seconds)}`,
          { retryAfterSeconds: seconds },
          { 'Retry-After': String(seconds) },
        );
      }
      const { attempt } = verdict;
      let user;
      try {
        user = await accounts.verify(username, password);
      } catch (error) {
        attempt.abandoned();
        throw error;
      }
      if (!user) {
        attempt.failed();
        await accounts.recordLoginFailure({ username, address, reason: 'bad_credentials' });
        // One answer for an unknown name and a wrong password: the login form tells nothing about who exists.
        throw new HttpProblem(401, 'unauthenticated', 'wrong user name or password');
      }
      attempt.succeeded();
      const session = await accounts.createSession(user.id, { ttlMs: auth.sessionTtlMs });
      const csrfToken = csrfTokenFor(session.token);
      return {
        status: 200,
        body: { token: session.token, csrfToken, expiresAt: session.expiresAt, mustChangePassword: session.mustChangePassword, user: userView(actingUser(user)) },
        cookies: [
          { name: SESSION_COOKIE, value: session.token, httpOnly: true, maxAgeMs: auth.sessionTtlMs },
          { name: CSRF_COOKIE, value: csrfToken, httpOnly: false, maxAgeMs: auth.sessionTtlMs },
        ],
      };
    },

    async current({ user, credentials }) {
      // Authenticated routes always carry the credentials that let the caller in.
      if (!credentials) throw new HttpProblem(401, 'unauthenticated', 'log in first (POST /api/session), or send a bearer token');
      return { status: 200, body: { user: userView(user), via: credentials.via, expiresAt: credentials.expiresAt, mustChangePassword: user.mustChangePassword === true } };
    },

    async changePassword({ user, body, credentials }) {
      // The current password again: a session left open on a counter must not change it.
      if (!(await accounts.verify(user.id, body.currentPassword))) {
        throw new HttpProblem(400, 'bad_request', 'body.currentPassword: is not the current password', { field: 'currentPassword' });
      }
      if (body.newPassword === body.currentPassword) {
        throw new HttpProblem(400, 'weak_password', 'newPassword: must differ from the current password', { field: 'newPassword', rule: 'unchanged' });
      }
      const weak = passwordProblem(body.newPassword, user.id, 'newPassword');
      if (weak) throw weak;
      await accounts.setPassword(user.id, body.newPassword, { by: user.id, origin: 'set' });
      // Sessions opened elsewhere with the old password end; this one goes on.
      const ended = await accounts.revokeSessionsOf(user.id, { by: user.id, ...(credentials ? { except: credentials.sessionId } : {}) });
      for (const id of ended) live.endSession(id);
      return { status: 204, body: null };
    },

    async logout({ user, credentials }) {
      if (credentials) {
        await accounts.revokeSession(credentials.sessionId, { by: user.id });
        live.endSession(credentials.sessionId);
      }
      return {
        status: 204,
        body: null,
        cookies: [
          { name: SESSION_COOKIE, value: null, httpOnly: true },
          { name: CSRF_COOKIE, value: null, httpOnly: false },
        ],
      };
    },
  };
}

function minutes(seconds: number): string {
  return seconds < 90 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minutes`;
}
