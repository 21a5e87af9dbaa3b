/** When a failed notice is tried again: exponential backoff with a cap, and a limit of attempts. */
export interface RetrySchedule {
  /** The wait after the first failure; doubled after each further one. */
  readonly baseMs: number;
  /** No wait is longer. */
  readonly capMs: number;
  /** After this many failed attempts the notice is a dead letter. */
  readonly maxAttempts: number;
}

/** 30 s, 1 min, 2 min … at most an hour apart; given up after 10 attempts (about 5 hours). */
export const DEFAULT_RETRY: RetrySchedule = { baseMs: 30_000, capMs: 3_600_000, maxAttempts: 10 };

export function retryDelayMs(schedule: RetrySchedule, failedAttempts: number): number {
  return Math.min(schedule.capMs, schedule.baseMs * 2 ** Math.max(0, failedAttempts - 1));
}
