import { describe, expect, it } from 'vitest';
import { csrfMatches, csrfTokenFor } from '../../../server/auth/cookies.js';

/** The token with its character at `index` swapped for another base64url character. */
function withOneCharacterChanged(token: string, index: number): string {
  const swapped = token[index] === 'A' ? 'B' : 'A';
  return token.slice(0, index) + swapped + token.slice(index + 1);
}

describe('csrfMatches (signed double-submit cookie)', () => {
  const session = 'session-token-of-the-supervisor';
  const token = csrfTokenFor(session);

  it('should accept the CSRF token of the same session', () => {
    expect(csrfMatches(session, token)).toBe(true);
  });

  it('should refuse the CSRF token of another session, though it has the same length', () => {
    // Given an attacker holding a session of their own, their CSRF token is well-formed
    const theirs = csrfTokenFor('session-token-of-the-attacker');
    expect(theirs).toHaveLength(token.length);
    // When they present it with the victim's cookie, then it does not pass
    expect(csrfMatches(session, theirs)).toBe(false);
  });

  it('should refuse a token differing in one character, at its start, middle or end', () => {
    for (const index of [0, Math.floor(token.length / 2), token.length - 1]) {
      expect(csrfMatches(session, withOneCharacterChanged(token, index)), `changed at ${index}`).toBe(false);
    }
  });

  it('should refuse a token of the wrong length, a prefix of the right one, and none at all', () => {
    expect(csrfMatches(session, 'forged')).toBe(false);
    expect(csrfMatches(session, token.slice(0, -1))).toBe(false);
    expect(csrfMatches(session, token + 'A')).toBe(false);
    expect(csrfMatches(session, '')).toBe(false);
  });

  it('should derive a 43-character base64url token that differs from session to session', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfTokenFor(session)).toBe(token);
    expect(csrfTokenFor(session + 'x')).not.toBe(token);
  });
});
