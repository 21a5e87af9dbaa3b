/**
 * Failed logins counted per user name and per address in a sliding window. The counts live
 * in the memory of the process that owns the throttle: with several server processes behind
 * one store each counts on its own, so the real limit is the limit times the processes. The
 * audit trail (`login.failed`) is the shared record.
 *
 * An attempt is reserved before its password is checked and counts against both limits while
 * it is in flight: checking first and counting after the ~50 ms of scrypt let any number of
 * parallel guesses through the same check (issue 9, item 7).
 */
export interface ThrottleLimits {
  readonly windowMs: number;
  /** Failures of one user name within the window before its logins are refused. */
  readonly perUser: number;
  /**
   * Failures from one address within the window. A centre's clerks share an address behind
   * its router, so this is set higher than per user by default: one clerk's typos must not
   * lock out the whole counter hall.
   */
  readonly perAddress: number;
  /** Keys remembered at most; beyond it the expired ones are dropped, then the oldest. */
  readonly maxKeys: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { windowMs: 15 * 60_000, perUser: 5, perAddress: 20, maxKeys: 100_000 };

/**
 * The wait answered when the limit is reached only because attempts are still in flight: they
 * settle within milliseconds, and may succeed, so a full window's wait would be wrong.
 */
export const IN_FLIGHT_RETRY_MS = 1_000;

/** One reserved login attempt: settle it exactly once with the outcome of the password check. */
export interface LoginAttempt {
  /** The password was wrong (or the user unknown or inactive): the attempt stays counted for the window. */
  failed(): void;
  /** The login succeeded: the attempt is released and the user name's failures cleared (not the address's). */
  succeeded(): void;
  /** The check could not be made (an error): the attempt is released, counting nothing. */
  abandoned(): void;
}

export type ThrottleVerdict =
  | { readonly allowed: true; readonly attempt: LoginAttempt }
  | { readonly allowed: false; readonly retryAfterMs: number; readonly by: 'user' | 'address' };

/** A failure, or an attempt still in flight (`pending`). The same object sits in the user's and the address's list. */
interface Mark {
  readonly at: number;
  pending: boolean;
}

export class LoginThrottle {
  private readonly marks = new Map<string, Mark[]>();

  constructor(
    private readonly now: () => number,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
  ) {}

  /**
   * May this user name try from this address now? When it may, the attempt is counted at once
   * (synchronously, so no parallel attempt passes the same check) until it is settled.
   */
  reserve(username: string, address: string): ThrottleVerdict {
    const userKey = `u:${username.toLowerCase()}`;
    const addressKey = `a:${address}`;
    const user = this.blocked(userKey, this.limits.perUser);
    if (user !== undefined) return { allowed: false, retryAfterMs: user, by: 'user' };
    const from = this.blocked(addressKey, this.limits.perAddress);
    if (from !== undefined) return { allowed: false, retryAfterMs: from, by: 'address' };
    this.prune();
    const mark: Mark = { at: this.now(), pending: true };
    for (const key of [userKey, addressKey]) this.marks.set(key, [...this.recent(key), mark]);
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    return {
      allowed: true,
      attempt: {
        failed: () => settle(() => (mark.pending = false)),
        succeeded: () =>
          settle(() => {
            this.remove(addressKey, mark);
            // Other attempts still in flight for this name keep their reservation.
            const others = this.recent(userKey).filter((m) => m.pending && m !== mark);
            if (others.length) this.marks.set(userKey, others);
            else this.marks.delete(userKey);
          }),
        abandoned: () =>
          settle(() => {
            this.remove(userKey, mark);
            this.remove(addressKey, mark);
          }),
      },
    };
  }

  /** Milliseconds until a try is allowed again, when the key is at its limit (failures and attempts in flight). */
  private blocked(key: string, limit: number): number | undefined {
    const list = this.recent(key);
    if (list.length < limit) return undefined;
    const failures = list.filter((m) => !m.pending);
    if (failures.length < limit) return IN_FLIGHT_RETRY_MS;
    // The window reopens when the oldest of the last `limit` failures leaves it.
    const oldest = failures[failures.length - limit]!;
    return Math.max(1, oldest.at + this.limits.windowMs - this.now());
  }

  private recent(key: string): Mark[] {
    const since = this.now() - this.limits.windowMs;
    return (this.marks.get(key) ?? []).filter((m) => m.at > since);
  }

  private remove(key: string, mark: Mark): void {
    const rest = (this.marks.get(key) ?? []).filter((m) => m !== mark);
    if (rest.length) this.marks.set(key, rest);
    else this.marks.delete(key);
  }

  private prune(): void {
    if (this.marks.size < this.limits.maxKeys) return;
    for (const key of [...this.marks.keys()]) if (!this.recent(key).length) this.marks.delete(key);
    // Still full (an attack from many names): forget the oldest keys first (Map keeps insertion order).
    for (const key of this.marks.keys()) {
      if (this.marks.size < this.limits.maxKeys) break;
      this.marks.delete(key);
    }
  }
}
