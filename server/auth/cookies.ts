import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'tereze_session';
/** Readable by the page's script, which echoes it in the CSRF header. */
export const CSRF_COOKIE = 'tereze_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/**
 * The CSRF token of a session: an HMAC of its session token, so it needs no storage and cannot
 * be made without the (HttpOnly) session cookie. A cross-site form can send the cookies but
 * cannot read them, so it cannot put this value in the header (signed double-submit cookie).
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('tereze-csrf-v1').digest('base64url');
}

export function csrfMatches(sessionToken: string, presented: string): boolean {
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
