import type { Middleware } from 'koa';
import type { AppState } from './AppContext.js';
import { HttpProblem } from './HttpProblem.js';

export const USER_HEADER = 'X-Tereze-User';

/** Printable, no spaces: an id that is safe to write into the audit trail and the log. */
const USER_ID = /^[\p{L}\p{N}._@-]{1,100}$/u;

/**
 * Sets `ctx.state.user`: the only place that decides who is acting.
 *
 * THIS FIRST SERVER HAS NO AUTHENTICATION: anyone who can reach it can claim any name in the
 * X-Tereze-User header. It must only listen on loopback (HOST defaults to 127.0.0.1 for this
 * reason). The accounts issue replaces this middleware with one that checks a session or a
 * bearer token; nothing else reads the header.
 */
export function actingUser(): Middleware<AppState> {
  return async (ctx, next) => {
    const raw = ctx.get(USER_HEADER).trim();
    if (raw && !USER_ID.test(raw)) {
      throw new HttpProblem(400, 'bad_request', `${USER_HEADER}: expected 1 to 100 letters, digits or . _ @ -`, { field: USER_HEADER });
    }
    ctx.state.user = { id: raw || 'anonymous' };
    await next();
  };
}
