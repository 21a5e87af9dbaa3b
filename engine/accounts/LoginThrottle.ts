/**
 * Failed logins counted per user name and per address in a sliding window. The counts live
 * in the memory of the process that owns the throttle: with several server processes behind
 * one store each counts on its own, so the real limit is the limit times the processes. The
 * audit trail (`login.failed`) is the shared record.
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

export type ThrottleVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number; readonly by: 'user' | 'address' };

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
  ) {}

  /** May this user name try from this address now? */
  check(username: string, address: string): ThrottleVerdict {
    const user = this.blocked(`u:${username.toLowerCase()}`, this.limits.perUser);
    if (user !== undefined) return { allowed: false, retryAfterMs: user, by: 'user' };
    const from = this.blocked(`a:${address}`, this.limits.perAddress);
    if (from !== undefined) return { allowed: false, retryAfterMs: from, by: 'address' };
    return { allowed: true };
  }

  fail(username: string, address: string): void {
    this.prune();
    for (const key of [`u:${username.toLowerCase()}`, `a:${address}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.set(key, list);
    }
  }

  /** A successful login clears the user name's failures (not the address's). */
  succeed(username: string): void {
    this.failures.delete(`u:${username.toLowerCase()}`);
  }

  /** Milliseconds until a try is allowed again, when the key is at its limit. */
  private blocked(key: string, limit: number): number | undefined {
    const list = this.recent(key);
    if (list.length < limit) return undefined;
    // The window reopens when the oldest of the last `limit` failures leaves it.
    const oldest = list[list.length - limit]!;
    return Math.max(1, oldest + this.limits.windowMs - this.now());
  }

  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  private prune(): void {
    if (this.failures.size < this.limits.maxKeys) return;
    for (const key of [...this.failures.keys()]) if (!this.recent(key).length) this.failures.delete(key);
    // Still full (an attack from many names): forget the oldest keys first (Map keeps insertion order).
    for (const key of this.failures.keys()) {
      if (this.failures.size < this.limits.maxKeys) break;
      this.failures.delete(key);
    }
  }
}
