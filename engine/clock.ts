import { parseDuration, addDuration } from './model/IsoDuration.js';

/** Where the engine reads the time. Injected, so tests and benchmarks are reproducible. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = Object.freeze({ now: () => new Date() });

export interface ManualClock extends Clock {
  /** Jump to an instant (ISO-8601 string, Date or epoch milliseconds). */
  set(instant: Date | string | number): void;
  /** Move forward by milliseconds or an ISO-8601 duration such as `PT5M` or `P1D`. */
  advance(by: number | string): Date;
}

function toDate(instant: Date | string | number): Date {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${String(instant)}`);
  return date;
}

/** A clock that moves only when told to: the clock of tests. */
export function manualClock(start: Date | string | number = '2026-01-05T04:00:00Z'): ManualClock {
  let current = toDate(start).getTime();
  return {
    now: () => new Date(current),
    set(instant) {
      current = toDate(instant).getTime();
    },
    advance(by) {
      current = typeof by === 'number' ? current + by : addDuration(new Date(current), parseDuration(by)).getTime();
      return new Date(current);
    },
  };
}
