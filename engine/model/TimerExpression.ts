import { addDuration, isIsoDuration, parseDuration } from './IsoDuration.js';
import type { TimerSpec } from './types.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const CYCLE = /^R(\d*)\/(?:([^/]+)\/)?(P[^/]+)$/;

/** Why a timer expression is not valid ISO-8601, or undefined when it is. */
export function timerProblem(spec: TimerSpec): string | undefined {
  const text = spec.expression.trim();
  switch (spec.kind) {
    case 'duration':
      return isIsoDuration(text) ? undefined : `timeDuration '${text}' is not an ISO-8601 duration (e.g. PT15M, P5D)`;
    case 'date':
      return ISO_INSTANT.test(text) && !Number.isNaN(Date.parse(text))
        ? undefined
        : `timeDate '${text}' is not an ISO-8601 instant with a zone (e.g. 2026-03-20T09:00:00+05:00)`;
    case 'cycle': {
      const match = CYCLE.exec(text);
      if (!match || !isIsoDuration(match[3]!)) return `timeCycle '${text}' is not an ISO-8601 repetition (e.g. R3/PT1H, R/2026-01-01T09:00:00Z/P1D)`;
      if (match[2] && !(ISO_INSTANT.test(match[2]) && !Number.isNaN(Date.parse(match[2])))) return `timeCycle '${text}': the start '${match[2]}' is not an ISO-8601 instant`;
      return undefined;
    }
  }
}

export interface TimerFiring {
  /** When the timer fires. */
  readonly dueAt: Date;
  /** Repetitions left after this one (cycles); undefined means unbounded. 0: the last firing. */
  readonly remaining?: number;
}

/**
 * When a timer armed at `from` first fires. A cycle with a start in the past fires at its next
 * occurrence after `from`.
 */
export function firstFiring(spec: TimerSpec, from: Date): TimerFiring {
  const text = spec.expression.trim();
  if (spec.kind === 'duration') return { dueAt: addDuration(from, parseDuration(text)), remaining: 0 };
  if (spec.kind === 'date') return { dueAt: new Date(text), remaining: 0 };
  const match = CYCLE.exec(text)!;
  const total = match[1] ? Number(match[1]) : undefined;
  const step = parseDuration(match[3]!);
  if (!match[2]) return { dueAt: addDuration(from, step), remaining: total === undefined ? undefined : total - 1 };
  let due = new Date(match[2]);
  let remaining = total === undefined ? undefined : total - 1;
  while (due.getTime() < from.getTime() && (remaining === undefined || remaining > 0)) {
    due = addDuration(due, step);
    if (remaining !== undefined) remaining -= 1;
  }
  return { dueAt: due, remaining };
}

/** The next firing of a cycle after one at `previous`, or undefined when it has run out. */
export function nextFiring(spec: TimerSpec, previous: Date, remaining: number | undefined): TimerFiring | undefined {
  if (spec.kind !== 'cycle' || remaining === 0) return undefined;
  const step = parseDuration(CYCLE.exec(spec.expression.trim())![3]!);
  return { dueAt: addDuration(previous, step), remaining: remaining === undefined ? undefined : remaining - 1 };
}
